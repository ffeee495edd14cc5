#!/usr/bin/env python3
"""Builds a small mixed English/Chinese BEIR folder from two BEIR datasets, for the eval command.

    python3 tests/eval/mixed_beir.py ../shared/data/scifact train ../shared/data/cmrc2018-zh dev /tmp/mixed-beir

Takes judged queries from each dataset's qrels split (non-empty text only), every document they judge, and seeded
random other documents of that dataset as distractors, until each side has its document quota. Ids get an "en:" or
"zh:" prefix. Writes corpus.jsonl, queries.jsonl and qrels/{en,zh,all}.tsv, so each language can be scored on its
own over the one shared index:

    dotnet run --project Bot -c Release -- eval /tmp/mixed-beir --qrels /tmp/mixed-beir/qrels/en.tsv
Standard library only; the output folder is data, never commit it.
"""
import argparse
import json
import os
import random


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_qrels(path):
    judged = {}
    with open(path, encoding="utf-8") as f:
        next(f)  # header
        for line in f:
            query, doc, grade = line.rstrip("\n").split("\t")
            judged.setdefault(query, {})[doc] = int(grade)
    return judged


def take(folder, split, prefix, queries_wanted, docs_wanted, rng):
    corpus = read_jsonl(os.path.join(folder, "corpus.jsonl"))
    texts = {q["_id"]: q["text"] for q in read_jsonl(os.path.join(folder, "queries.jsonl"))}
    judged = read_qrels(os.path.join(folder, "qrels", f"{split}.tsv"))
    ids = {d["_id"] for d in corpus}
    candidates = sorted(q for q, docs in judged.items() if texts.get(q, "").strip() and all(d in ids for d in docs))
    rng.shuffle(candidates)
    chosen, needed = [], set()
    for query in candidates:
        if len(chosen) == queries_wanted:
            break
        relevant = {d for d, g in judged[query].items() if g > 0}
        if len(needed | relevant) > docs_wanted:
            continue
        chosen.append(query)
        needed |= relevant
    others = sorted(ids - needed)
    rng.shuffle(others)
    keep = needed | set(others[: max(0, docs_wanted - len(needed))])
    docs = [dict(d, _id=prefix + d["_id"]) for d in corpus if d["_id"] in keep]
    queries = [{"_id": prefix + q, "text": texts[q]} for q in chosen]
    qrels = [(prefix + q, prefix + d, g) for q in chosen for d, g in sorted(judged[q].items())]
    return docs, queries, qrels


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("english")
    parser.add_argument("english_split")
    parser.add_argument("chinese")
    parser.add_argument("chinese_split")
    parser.add_argument("out")
    parser.add_argument("--en-queries", type=int, default=150)
    parser.add_argument("--en-docs", type=int, default=300)
    parser.add_argument("--zh-queries", type=int, default=100)
    parser.add_argument("--zh-docs", type=int, default=150)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    en = take(args.english, args.english_split, "en:", args.en_queries, args.en_docs, rng)
    zh = take(args.chinese, args.chinese_split, "zh:", args.zh_queries, args.zh_docs, rng)
    os.makedirs(os.path.join(args.out, "qrels"), exist_ok=True)
    for name, rows in (("corpus.jsonl", en[0] + zh[0]), ("queries.jsonl", en[1] + zh[1])):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    for name, rows in (("en", en[2]), ("zh", zh[2]), ("all", en[2] + zh[2])):
        with open(os.path.join(args.out, "qrels", f"{name}.tsv"), "w", encoding="utf-8") as f:
            f.write("query-id\tcorpus-id\tscore\n")
            f.writelines(f"{q}\t{d}\t{g}\n" for q, d, g in rows)
    print(f"{args.out}: {len(en[0])} English and {len(zh[0])} Chinese documents, "
          f"{len(en[1])} English and {len(zh[1])} Chinese queries")


if __name__ == "__main__":
    main()
