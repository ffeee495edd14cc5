using Assistant.Rag.Generation;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Generation;

public sealed class QuestionTermsTests
{
    [Fact]
    public void AChineseQuestionMatchesASentenceItsCharacterPairsWouldMiss()
    {
        // Arrange: as bigrams the question holds 海出, 差每, 天补, which no sentence contains.
        var terms = QuestionTerms.Extract("上海出差每天补贴多少？", LanguageDetector.Chinese);
        var sentence = new EvidenceText("在上海出差期间，每天的伙食补贴为人民币200元。");

        // Act
        var coverage = terms.Coverage(sentence, EvidenceText.Empty);

        // Assert
        Assert.Equal(1.0, coverage, 3);
    }

    [Fact]
    public void AJapaneseQuestionIsMatchedByItsKanjiAndKatakanaWordsNotByItsParticles()
    {
        // Arrange
        var terms = QuestionTerms.Extract("無料トライアルは何日間ですか？", LanguageDetector.Japanese);
        var answer = new EvidenceText("はい。Team プランを14日間無料でお試しいただけます。");
        var particlesOnly = new EvidenceText("これは何ですか、はい、そうです。");

        // Act
        var answerCoverage = terms.Coverage(answer, EvidenceText.Empty);
        var particleCoverage = terms.Coverage(particlesOnly, EvidenceText.Empty);

        // Assert: 無料 and 日間 found, トライアル not; nothing for a sentence of particles.
        Assert.Equal(2.0 / 3, answerCoverage, 3);
        Assert.Equal(0, particleCoverage);
    }

    [Fact]
    public void ASentenceIsCoveredTogetherWithWhatItContinues()
    {
        // Arrange
        var terms = QuestionTerms.Extract("出差补贴是多少？", LanguageDetector.Chinese);
        var row = new EvidenceText("地区: 中国大陆; 全天: 人民币200元");

        // Act
        var alone = terms.Coverage(row, EvidenceText.Empty);
        var afterLeadIn = terms.Coverage(row, new EvidenceText("出差期间的伙食补贴按天计算："));

        // Assert
        Assert.Equal(0, alone);
        Assert.Equal(1.0, afterLeadIn, 3);
    }
}
