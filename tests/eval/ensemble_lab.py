#!/usr/bin/env python3
"""Fuses the product's own routes with dense variants it does not ship (tests/eval/DenseLab run files).

    dotnet run --project Bot -c Release -- eval ../shared/data/scifact --qrels ../shared/data/scifact/qrels/train.tsv \\
        --dump-routes /tmp/scifact-routes.jsonl
    dotnet run -c Release --project tests/eval/DenseLab -- ../shared/data/scifact ../shared/data/scifact/qrels/train.tsv \\
        arctic document /tmp/scifact-arctic-document.tsv          # likewise: minilm sentence, arctic sentence
    python3 tests/eval/ensemble_lab.py /tmp/scifact-routes.jsonl ../shared/data/scifact/qrels/train.tsv \\
        A=/tmp/scifact-arctic-document.tsv S=/tmp/scifact-minilm-sentence.tsv T=/tmp/scifact-arctic-sentence.tsv

Signals: K = the keyword route, V = the vector route (MiniLM over chunks), and each NAME=run file given. Every
document is scored by its best chunk (route dump) or unit (run file); signals are normalised per query (min-max or
z-score) and combined with the weights in the variant's name (K1.5+V = keyword weight 1.5, vector 1). Prints
nDCG@10 overall and on the even and odd queries (id order), as fusion_lab.py does. Standard library only.
"""
import argparse
import statistics
from collections import defaultdict

from fusion_lab import best_per_document, documents, fuse, load_dump, load_qrels, min_max, ndcg, z_score

DEPTH = 100


def load_run(path):
    run = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            query, document, score = line.rstrip("\n").split("\t")
            run[query].append((document, float(score)))
    return run


def best_of(a, b):
    low_a, low_b = min(a.values(), default=0.0), min(b.values(), default=0.0)
    return {d: max(a.get(d, low_a), b.get(d, low_b)) for d in set(a) | set(b)}


def variants(names):
    """(label, {signal: weight}) pairs: each extra signal alone, with K, and all together, at keyword weights 1-2."""
    yield "V", {"V": 1}
    yield "K+V", {"K": 1, "V": 1}
    for name in names:
        yield name, {name: 1}
        yield f"K+{name}", {"K": 1, name: 1}
        yield f"K+V+{name}", {"K": 1, "V": 1, name: 1}
        yield f"K1.5+V+{name}", {"K": 1.5, "V": 1, name: 1}
        yield f"K+max(V,{name})", {"K": 1, f"max(V,{name})": 1}
    if len(names) > 1:
        for k in (1, 1.5, 2):
            yield f"K{k if k != 1 else ''}+V+{'+'.join(names)}", {"K": k, "V": 1, **{n: 1 for n in names}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump")
    parser.add_argument("qrels")
    parser.add_argument("runs", nargs="*", help="NAME=run.tsv from DenseLab")
    args = parser.parse_args()
    judged = load_qrels(args.qrels)
    queries = load_dump(args.dump, judged)
    runs = dict(run.split("=", 1) for run in args.runs)
    loaded = {name: load_run(path) for name, path in runs.items()}
    signals = []
    for q in queries:
        s = {"K": best_per_document(q["keyword"][:DEPTH]), "V": best_per_document(q["vector"][:DEPTH])}
        s.update({name: dict(run[q["qid"]][:DEPTH]) for name, run in loaded.items()})
        # The variant as one signal: a document's better score of the two (each missing id at its list's lowest).
        s.update({f"max(V,{name})": best_of(s["V"], s[name]) for name in loaded})
        signals.append(s)
    print(f"{len(queries)} queries; nDCG@10 | even / odd half")
    for label, weights in variants(list(runs)):
        for normalise in (min_max, z_score):
            if len(weights) == 1 and normalise is z_score:
                continue
            rows = [ndcg(documents(fuse([(s[n], w) for n, w in weights.items()], normalise)), judged[q["qid"]]) for s, q in zip(signals, queries)]
            tag = "" if len(weights) == 1 else (" min-max" if normalise is min_max else " z-score")
            print(f"{label + tag:34s} {statistics.fmean(rows):.4f} | {statistics.fmean(rows[0::2]):.3f} / {statistics.fmean(rows[1::2]):.3f}", flush=True)


if __name__ == "__main__":
    main()
