"""Consistency check for the held-out gold files (does not run the extractor).

Checks that every gold quote occurs verbatim in its article, that every gold
percent appears in the article (ranges: both endpoints, noted as 'midpoint'),
and that official / option / speaker names occur in the text. Also lists
percent-like figures and quoted spans that are NOT in the gold, for review.
Usage: python3 bench/heldout/check_gold.py
"""
import json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PCT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)")
QSPAN = re.compile(r'"([^"\n]+)"|“([^”\n]+)”|‘([^’\n]+(?:’[a-z][^’\n]*)*)’')

def fmt(p):
    return ("%g" % p)

def main():
    bad = 0
    gold_dir = HERE / "gold"
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8")) if (HERE / "manifest.json").exists() else []
    mfiles = {m["file"] for m in manifest}
    for gp in sorted(gold_dir.glob("*.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        assert set(g) == {"file", "results", "officials", "quotes"}, gp
        txt = (HERE / g["file"]).read_text(encoding="utf-8")
        if manifest and g["file"] not in mfiles:
            print(f"{g['file']}: not in manifest"); bad += 1
        if not 1500 <= len(txt) <= 3500:
            print(f"{g['file']}: length {len(txt)} out of range"); bad += 1
        for r in g["results"]:
            assert r["status"] in {"preliminary", "final", "exit_poll", "unknown"}, r
            if "midpoint" in r.get("note", ""):
                lo_hi = re.search(r"between (\d+(?:\.\d+)?) and (\d+(?:\.\d+)?)", r["note"])
                ok = lo_hi and lo_hi.group(0) in txt and (float(lo_hi.group(1)) + float(lo_hi.group(2))) / 2 == r["percent"]
            else:
                ok = re.search(r"(?<![\d.])" + re.escape(fmt(r["percent"])) + r"(?![\d])", txt)
            if not ok:
                print(f"{g['file']}: percent {r['percent']} not found"); bad += 1
            if r["option"] and r["option"] not in txt:
                print(f"{g['file']}: option {r['option']!r} not in text"); bad += 1
        for o in g["officials"]:
            if o["name"] not in txt:
                print(f"{g['file']}: official {o['name']!r} not in text"); bad += 1
        for q in g["quotes"]:
            if q["quote"] not in txt:
                print(f"{g['file']}: quote not verbatim: {q['quote'][:60]!r}"); bad += 1
            if q["speaker"] not in txt and not any(a in txt for a in q.get("aliases", [])):
                print(f"{g['file']}: speaker {q['speaker']!r} not in text"); bad += 1
        # review lists
        gold_p = {fmt(r["percent"]) for r in g["results"]}
        other = [m.group(1) for m in PCT.finditer(txt) if m.group(1) not in gold_p]
        gold_q = [q["quote"] for q in g["quotes"]]
        spans = [next(x for x in m.groups() if x) for m in QSPAN.finditer(txt)]
        unq = [s for s in spans if not any(s in gq or gq in s for gq in gold_q)]
        print(f"{g['file']}: {len(g['results'])} results, {len(g['officials'])} officials, {len(g['quotes'])} quotes"
              f" | non-result %: {other} | quoted spans not in gold: {unq}")
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
