using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Assistant.Rag.Indexes;

/// <summary>Gives every searcher the similarity the index was written with; Lucene's default would be the classic TF-IDF.</summary>
internal sealed class Bm25SearcherFactory(Similarity similarity) : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
}
