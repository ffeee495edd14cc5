#!/usr/bin/env python3
"""Offline study of fusion and document-aggregation variants over the eval command's route dump.

    dotnet run --project Bot -c Release -- eval ../shared/data/scifact --qrels ../shared/data/scifact/qrels/train.tsv \\
        --dump-routes /tmp/scifact-routes.jsonl
    python3 tests/eval/fusion_lab.py /tmp/scifact-routes.jsonl ../shared/data/scifact/qrels/train.tsv [--keyword-only]

Prints nDCG@10, Recall@10, Recall@100, MRR@10 and nDCG@10 on the even and odd queries (in id order) for each
variant, so that a change is kept only when it wins on both halves. The metrics are the evaluator's (a document is
ranked by its best chunk; graded gain over log2 discount). Variants run unrouted with both routes at weight 1 unless
--keyword-only (Chinese: the product leaves the English-only vector route out). Standard library only.
"""
import argparse
import json
import math
import statistics
from collections import defaultdict

DEPTH = 100  # candidates per route, as the evaluator asks for


def document_of(chunk):
    return chunk[: chunk.rfind("#")] if "#" in chunk else chunk


def ndcg(ranked, judged, k=10):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    grades = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(grades))
    return dcg / ideal if ideal else 0.0


def recall(ranked, judged, k):
    relevant = sum(1 for g in judged.values() if g > 0)
    return sum(1 for d in ranked[:k] if judged.get(d, 0) > 0) / relevant if relevant else 0.0


def mrr(ranked, judged, k=10):
    return next((1 / (i + 1) for i, d in enumerate(ranked[:k]) if judged.get(d, 0) > 0), 0.0)


def min_max(scores):
    if not scores:
        return {}, 0.0
    high, low = max(scores.values()), min(scores.values())
    return {i: (s - low) / (high - low) if high > low else 1.0 for i, s in scores.items()}, 0.0


def z_score(scores):
    if not scores:
        return {}, 0.0
    values = list(scores.values())
    mean, sd = statistics.fmean(values), statistics.pstdev(values) or 1.0
    normalised = {i: (s - mean) / sd for i, s in scores.items()}
    return normalised, min(normalised.values())  # an id the route did not return scores as its lowest candidate


def best_per_document(hits):
    best = {}
    for chunk, score in hits:
        document = document_of(chunk)
        best[document] = max(best.get(document, score), score)
    return best


def top_two(hits, weight):
    scores = defaultdict(list)
    for chunk, score in hits:
        scores[document_of(chunk)].append(score)
    return {d: s[0] + weight * (s[1] if len(s) > 1 else 0.0) for d, s in ((d, sorted(v, reverse=True)) for d, v in scores.items())}


def documents(scores):
    """Documents best first: chunk ids are folded into their document at its best chunk."""
    ranked, seen = [], set()
    for key, _ in sorted(scores.items(), key=lambda kv: -kv[1]):
        document = document_of(key)
        if document not in seen:
            seen.add(document)
            ranked.append(document)
    return ranked


def fuse(routes, normalise=min_max, mnz=False):
    """routes: [(scores by id, weight)] → fused scores (Σ w·norm / Σ w; CombMNZ multiplies by the routes that found it)."""
    total = sum(w for _, w in routes) or 1.0
    ids = {i for scores, _ in routes for i in scores}
    fused, found = defaultdict(float), defaultdict(int)
    for scores, weight in routes:
        normalised, missing = normalise(scores)
        for i in ids:
            fused[i] += weight * normalised.get(i, missing) / total
            found[i] += i in scores
    if mnz:
        for i in ids:
            fused[i] *= found[i]
    return fused


def gap_weight(scores):
    """How far the route's top hit stands above its tenth, in standard deviations of its candidates."""
    values = sorted(scores.values(), reverse=True)
    sd = statistics.pstdev(values) or 1.0
    return (values[0] - values[min(9, len(values) - 1)]) / sd


def variants(keyword_only):
    def k(q, depth=DEPTH):
        return dict(q["keyword"][:depth])

    def v(q, depth=DEPTH):
        return dict(q["vector"][:depth])

    def dense_document_mix(q, beta):
        chunks, means = best_per_document(q["vector"][:DEPTH]), dict(q["documentVector"][:DEPTH])
        low_c, low_m = min(chunks.values()), min(means.values())
        return {d: (1 - beta) * chunks.get(d, low_c) + beta * means.get(d, low_m) for d in set(chunks) | set(means)}

    if keyword_only:
        yield "keyword (chunk BM25)", lambda q: documents(k(q))
        yield "keyword, chunks aggregated max + 0.2 second", lambda q: documents(top_two(q["keyword"][:DEPTH], 0.2))
        yield "keyword, chunks summed", lambda q: documents(top_two(q["keyword"][:DEPTH], 1.0))
        yield "whole-document BM25", lambda q: documents(dict(q["documentKeyword"][:DEPTH]))
        yield "chunk + whole-document BM25, min-max", lambda q: documents(fuse([(best_per_document(q["keyword"][:DEPTH]), 1), (dict(q["documentKeyword"][:DEPTH]), 1)]))
        return
    yield "keyword", lambda q: documents(k(q))
    yield "vector", lambda q: documents(v(q))
    yield "min-max over chunks (product hybrid)", lambda q: documents(fuse([(k(q), 1), (v(q), 1)]))
    yield "min-max over chunks, 50 candidates", lambda q: documents(fuse([(k(q, 50), 1), (v(q, 50), 1)]))
    yield "min-max over chunks, 200 candidates", lambda q: documents(fuse([(k(q, 200), 1), (v(q, 200), 1)]))
    yield "z-score over chunks", lambda q: documents(fuse([(k(q), 1), (v(q), 1)], z_score))
    yield "CombMNZ (min-max) over chunks", lambda q: documents(fuse([(k(q), 1), (v(q), 1)], mnz=True))
    yield "min-max, route weight by top-1 vs top-10 gap", lambda q: documents(fuse([(k(q), gap_weight(k(q))), (v(q), gap_weight(v(q)))]))
    yield "z-score, route weight by top-1 vs top-10 gap", lambda q: documents(fuse([(k(q), gap_weight(k(q))), (v(q), gap_weight(v(q)))], z_score))
    yield "documents (best chunk) then min-max", lambda q: documents(fuse([(best_per_document(q["keyword"][:DEPTH]), 1), (best_per_document(q["vector"][:DEPTH]), 1)]))
    yield "documents (best chunk) then z-score", lambda q: documents(fuse([(best_per_document(q["keyword"][:DEPTH]), 1), (best_per_document(q["vector"][:DEPTH]), 1)], z_score))
    for w in (0.1, 0.2, 0.5):
        yield f"documents max + {w} second chunk, min-max", lambda q, w=w: documents(fuse([(top_two(q["keyword"][:DEPTH], w), 1), (top_two(q["vector"][:DEPTH], w), 1)]))
    yield "documents sum of chunks, min-max", lambda q: documents(fuse([(top_two(q["keyword"][:DEPTH], 1.0), 1), (top_two(q["vector"][:DEPTH], 1.0), 1)]))
    yield "dense document mean alone", lambda q: documents(dict(q["documentVector"][:DEPTH]))
    for beta in (0.2, 0.3, 0.5):
        yield f"dense best chunk (1-{beta}) + document mean {beta}, min-max", lambda q, beta=beta: documents(fuse([(best_per_document(q["keyword"][:DEPTH]), 1), (dense_document_mix(q, beta), 1)]))
    for weight in (0.25, 0.5):
        yield f"document mean as a third route at {weight}, z-score", lambda q, weight=weight: documents(fuse([(best_per_document(q["keyword"][:DEPTH]), 1), (best_per_document(q["vector"][:DEPTH]), 1), (dict(q["documentVector"][:DEPTH]), weight)], z_score))
    yield "whole-document BM25 alone", lambda q: documents(dict(q["documentKeyword"][:DEPTH]))
    yield "whole-document BM25 + dense best chunk, min-max", lambda q: documents(fuse([(dict(q["documentKeyword"][:DEPTH]), 1), (best_per_document(q["vector"][:DEPTH]), 1)]))
    yield "chunk BM25 + whole-document BM25 + dense, min-max", lambda q: documents(fuse([(best_per_document(q["keyword"][:DEPTH]), 0.5), (dict(q["documentKeyword"][:DEPTH]), 0.5), (best_per_document(q["vector"][:DEPTH]), 1)]))
    yield "z-score over chunks (the default since cross-validation)", lambda q: documents(fuse([(k(q), 1), (v(q), 1)], z_score))
    yield "whole-document BM25 + dense best chunk, z-score", lambda q: documents(fuse([(dict(q["documentKeyword"][:DEPTH]), 1), (best_per_document(q["vector"][:DEPTH]), 1)], z_score))


def load_qrels(path):
    """A BEIR qrels file (header line, then query, document, grade) as {query: {document: grade}}."""
    judged = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            query, document, grade = line.rstrip("\n").split("\t")
            judged[query][document] = int(grade)
    return judged


def load_dump(path, judged):
    """The eval command's --dump-routes file: the judged queries in id order."""
    with open(path, encoding="utf-8") as f:
        queries = sorted((json.loads(line) for line in f if line.strip()), key=lambda q: q["qid"])
    return [q for q in queries if q["qid"] in judged]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump")
    parser.add_argument("qrels")
    parser.add_argument("--keyword-only", action="store_true")
    args = parser.parse_args()
    judged = load_qrels(args.qrels)
    queries = load_dump(args.dump, judged)
    print(f"{len(queries)} queries; columns: nDCG@10 R@10 R@100 MRR@10 | nDCG@10 even / odd half")
    for name, rank in variants(args.keyword_only):
        rows = []
        for q in queries:
            ranked, j = rank(q), judged[q["qid"]]
            rows.append((ndcg(ranked, j), recall(ranked, j, 10), recall(ranked, j, 100), mrr(ranked, j)))
        mean = [statistics.fmean(r[i] for r in rows) for i in range(4)]
        even = statistics.fmean(r[0] for r in rows[0::2])
        odd = statistics.fmean(r[0] for r in rows[1::2])
        print(f"{name:58s} {mean[0]:.3f} {mean[1]:.3f} {mean[2]:.3f} {mean[3]:.3f} | {even:.3f} / {odd:.3f}", flush=True)


if __name__ == "__main__":
    main()
