import json, re, sys, os, glob, html, datetime
from email.utils import format_datetime
sys.path.insert(0, os.path.dirname(__file__))
from registry import load

ENTS, COUNTRIES = load()
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
GOLD = sys.argv[2] if len(sys.argv) > 2 else OUT + "/sample-gold.jsonl"
errors = []
def err(aid, msg): errors.append(f"{aid}: {msg}")

def parse(path):
    arts = []
    text = open(path, encoding="utf-8").read()
    for chunk in re.split(r"^=== ", text, flags=re.M)[1:]:
        head, _, body = chunk.partition("\n---\n")
        lines = head.strip("\n").split("\n")
        a = dict(id=lines[0].strip(), q=[], add=[], drop=[], speakers=[], fmt="jsonl", curly="0", authors="", published="none", htmlent="0")
        for l in lines[1:]:
            k, _, v = l.partition(":")
            k = k.strip(); v = v.strip()
            if k == "q":
                parts = [p.strip() for p in v.split("|")]
                a["q"].append(parts)
            elif k in ("add", "drop"):
                a[k] += [x.strip() for x in v.split(";") if x.strip()]
            elif k == "speaker":
                # who speaks the whole document: name | role | country
                name, role, country = ([p.strip() for p in v.split("|")] + ["", ""])[:3]
                a["speakers"].append(dict(name=name, role=role, country=country))
            else:
                a[k] = v
        paras = [re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
        a["paras"] = paras
        arts.append(a)
    return arts

def curlify(paras):
    out = []
    for p in paras:
        s, st = [], False
        for ch in p:
            if ch == '"':
                s.append("\u201d" if st else "\u201c"); st = not st
            elif ch == "'":
                s.append("\u2019")
            else:
                s.append(ch)
        out.append("".join(s))
    return out

def segments(body):
    """(start, end) of direct quote text spans; end = closing mark or paragraph end."""
    segs = []
    pos = 0
    for p in body.split("\n\n"):
        st = None
        for i, ch in enumerate(p):
            if ch == "\u201c" or (ch == '"' and st is None):
                if st is not None: err("?", "nested open quote")
                st = i + 1
            elif ch == "\u201d" or (ch == '"' and st is not None):
                if st is None:
                    raise ValueError("close without open in: " + p[:60])
                segs.append((pos + st, pos + i)); st = None
        if st is not None:
            segs.append((pos + st, pos + len(p)))
        pos += len(p) + 2
    return segs

def prefix(body, start, end):
    t = body[start:end]
    if len(t) > 40:
        t = t[:40].rstrip()
    else:
        t = t.rstrip().rstrip(",.;:").rstrip()
    return t

# A transcript's speaker labels: briefing capitals ("MS. HORVAT:",
# "QUESTION:"), UN records ("Mr. Karrar (Sudan):", "The PRESIDENT:").
# NOTE-like words in capitals head a paragraph without naming a speaker.
LABEL = re.compile(r"^((?:Mr|Ms|Mrs|Dr)\. [^\s()]+(?: [^\s()]+){0,3} \([^()]+\)|The PRESIDENT|[A-Z][A-Z.'\u2019 -]*[A-Z.]):\s+")
NOT_LABELS = {"NOTE", "EDITOR'S NOTE", "UPDATE", "CORRECTION"}

def turn_spans(body):
    """(label, start, end) of each turn: a labelled paragraph and the unlabelled ones after it."""
    paras, pos = [], 0
    for p in body.split("\n\n"):
        m = LABEL.match(p)
        lab = m.group(1) if m and m.group(1) not in NOT_LABELS else None
        paras.append((pos, pos + len(p), lab, pos + m.end() if lab else None))
        pos += len(p) + 2
    turns = []
    for i, (ps, pe, lab, ws) in enumerate(paras):
        if not lab: continue
        end = pe
        for qs, qe, l2, _ in paras[i + 1:]:
            if l2: break
            end = qe
        turns.append((lab, ws, end))
    return turns

def norm(s): return s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')

PATS = []
for e in ENTS:
    for al in [e["name"]] + e["aliases"]:
        PATS.append((al, "ent", e))
for cc, names in COUNTRIES.items():
    for n in names:
        PATS.append((n, "cc", cc))
PATS.sort(key=lambda x: -len(x[0]))
COMPILED = [(re.compile(r"(?<![\w@])" + re.escape(al) + r"(?!\w)"), kind, tgt) for al, kind, tgt in PATS]

def scan(text):
    taken = [False] * len(text)
    hits = []
    for rx, kind, tgt in COMPILED:
        for m in rx.finditer(text):
            if any(taken[m.start():m.end()]): continue
            for i in range(m.start(), m.end()): taken[i] = True
            hits.append((m.start(), kind, tgt))
    hits.sort(key=lambda h: h[0])
    return hits

GENDER = dict(re.findall(r'\s*(.+?)=([mf])', '''Mirela Horvat=f Mutasim Karrar=m Abuk Achol Ring=f Espen Thorsen=m Anna Kovač=f Nikola Stanković=m Tobias Ahlgren=m Marta Jankowska=f Ivana Marić=f Goran Vuković=m Dušan Ilić=m Petra Šimić=f Dariush Farahani=m Lena Holmqvist=f Kaveh Jafari=m Claire Dumont=f Oliver Hartley=m Sofia Bergmann=f Hossein Tabrizi=m Ingrid Haugland=f Samuel Owusu=m Omer Haroun=m Deng Akol Mayen=m Fatoumata Sangaré=f Ayen Kuir Thon=m Ismail Hamdan=m Bayu Prasetyo=m Hafiz Ismail=m Sari Wulandari=f Azlan Hashim=m Nguyen Thi Lan=f Lim Wei Sheng=m Yohanes Manurung=m Selin Aydemir=f Oksana Tkachuk=f Mihai Dobrescu=m Fiona Gallagher=f Plamen Dimov=m'''))
BYNAME = {e["name"]: e for e in ENTS}
arts = []
for f in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "src", "*.txt"))):
    arts += parse(f)

seen = set()
capsw = {}
gold = []
for a in arts:
    aid = a["id"]
    if a["fmt"] == "html":
        a["id"] = aid = "articles/" + a["file"] + ".html"
    if aid in seen: err(aid, "duplicate id")
    seen.add(aid)
    paras = curlify(a["paras"]) if a["curly"] == "1" else a["paras"]
    body = "\n\n".join(paras)
    a["body"] = body
    title = a.get("title", "")
    if a["curly"] == "1": title = title.replace("'", "\u2019")
    a["title"] = title
    hits = scan(norm(title) + "\n\n\n" + norm(body))
    ents, ccs = [], []
    for _, kind, tgt in hits:
        if kind == "ent":
            if tgt["name"] not in [e["name"] for e in ents] and tgt["name"] not in a["drop"]:
                ents.append(tgt)
            if tgt["country"] and tgt["name"] not in a["drop"] and tgt["country"] not in ccs: ccs.append(tgt["country"])
        else:
            if tgt not in ccs: ccs.append(tgt)
    for sp in a["speakers"]:
        # the document's speakers are entities of the article, as the extractor adds them
        if sp["name"] not in BYNAME: err(aid, "unknown document speaker " + sp["name"]); continue
        if a["fmt"] != "jsonl": err(aid, "a document speaker needs fmt jsonl (the only form with a speaker field)")
        a["add"].append(sp["name"])
    for n in a["add"]:
        if n not in BYNAME: err(aid, "add unknown " + n); continue
        if n not in [e["name"] for e in ents]:
            ents.append(BYNAME[n])
            if BYNAME[n]["country"] and BYNAME[n]["country"] not in ccs: ccs.append(BYNAME[n]["country"])
    # quotes
    segs = segments(body)
    turns = turn_spans(body)
    nb = norm(body)
    used = set()
    quotes = []
    for parts in a["q"]:
        if len(parts) != 3: err(aid, f"bad q {parts}"); continue
        spk, kind, snip = parts
        if spk and spk not in BYNAME: err(aid, f"unknown speaker {spk}")
        if spk and spk not in [e["name"] for e in ents]: err(aid, f"speaker not among entities {spk}")
        kind = {"d": "direct", "i": "indirect", "t": "turn"}[kind]
        sn = norm(snip)
        if kind == "turn":
            cand = [t for t in turns if nb.startswith(sn, t[1]) and t not in used]
            if not cand: err(aid, f"turn snippet not at a turn's start: {snip}"); continue
            t = cand[0]; used.add(t)
            quotes.append(dict(speaker=spk, kind=kind, text_prefix=prefix(body, t[1], t[2]), _pos=t[1]))
        elif kind == "direct":
            cand = [s for s in segs if nb.startswith(sn, s[0]) and s not in used]
            if not cand: err(aid, f"direct snippet not at quote start: {snip}"); continue
            s = cand[0]; used.add(s)
            quotes.append(dict(speaker=spk, kind=kind, text_prefix=prefix(body, s[0], s[1]), _pos=s[0]))
        else:
            i = nb.find(sn)
            if i < 0: err(aid, f"indirect snippet not found: {snip}"); continue
            j = body.find("\n\n", i); j = len(body) if j < 0 else j
            quotes.append(dict(speaker=spk, kind=kind, text_prefix=prefix(body, i, j), _pos=i))
    for s in segs:
        if s not in used: err(aid, f"unlisted direct quote: {body[s[0]:s[0]+50]!r}")
    for t in turns:
        if t not in used: err(aid, f"unlisted turn: {t[0]}: {body[t[1]:t[1]+40]!r}")
    # statements: every paragraph of a document with speakers, by each of them
    pos = 0
    for p in body.split("\n\n") if body else []:
        for sp in a["speakers"]:
            quotes.append(dict(speaker=sp["name"], kind="statement", text_prefix=prefix(body, pos, pos + len(p)), _pos=pos))
        pos += len(p) + 2
    if a["speakers"] and turns: err(aid, "a document with speakers cannot also be a transcript")
    # indirect heuristic
    cues = [m.group(0) for m in re.finditer(r"\b(said|says|told|stressed|insisted|warned|added|adding|noted|announced|argued|believed|wrote|denied|confirmed|acknowledged|claimed|promised|insisting|saying|demanded|urged|reported|estimated|agreed|accused|argues)\b[^.\"\u201c\u201d;:]{0,70}?\bthat\b|\baccording to\b", nb, re.I) if not any(a0 <= m.start() < b0 for a0, b0 in segs)]
    ncue = len(cues)
    nind = sum(1 for q in quotes if q["kind"] == "indirect")
    if a.get('cues') and not os.environ.get('NOOVR'): ncue = int(a['cues'])
    if ncue != nind: err(aid, f"indirect cue count {ncue} != listed {nind}: {cues}")
    quotes.sort(key=lambda q: q['_pos'])
    for q in quotes: del q['_pos']
    words = len(body.split())
    if body and not (150 <= words <= 460): err(aid, f"word count {words}")
    a["words"] = words
    if os.environ.get("CAPS"):
        covered = set()
        for st, kind, tgt in hits: pass
        txt = norm(title) + " " + norm(body)
        for m in re.finditer(r"(?<![\w@])[A-Z][\w'-]+(?: [A-Z][\w'-]+)*", txt):
            w = m.group(0)
            if not any(rx.search(w) for rx, _, _ in COMPILED): capsw.setdefault(w, set()).add(aid)
    g = dict(id=aid, entities=[{k: v for k, v in (("name", e["name"]), ("type", e["type"]), ("country", e["country"])) if v} for e in ents],
             countries=ccs, quotes=quotes)
    gold.append(g)

def slug(s): return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
def pubdate(a):
    p = a["published"]
    if p == "none": return None
    if "T" in p: return datetime.datetime.fromisoformat(p.replace("Z", "+00:00"))
    return datetime.datetime.fromisoformat(p + "T00:00:00+00:00")
def url(a):
    d = pubdate(a)
    base = "https://example.org/" + slug(a["source"]) + "/"
    return base + (d.strftime("%Y/%m/%d/") if d else "") + (a["file"] if a["fmt"] == "html" else a["id"])

os.makedirs(OUT + "/articles", exist_ok=True)
os.makedirs(OUT + "/feeds", exist_ok=True)
jl = []
rss = []
for a in arts:
    authors = [x.strip() for x in a["authors"].split(";") if x.strip()]
    if a["fmt"] == "jsonl":
        rec = {"id": a["id"], "title": a["title"], "body": a["body"]}
        if a["published"] != "none": rec["published"] = a["published"]
        rec["source"] = a["source"]; rec["url"] = url(a)
        if authors: rec["authors"] = authors
        rec["language"] = "en"
        if a["speakers"]:
            sps = [{k: v for k, v in sp.items() if v} for sp in a["speakers"]]
            rec["speaker"] = sps[0] if len(sps) == 1 else sps
        jl.append(json.dumps(rec, ensure_ascii=False))
    elif a["fmt"] == "md":
        fm = ["---", "id: " + a["id"], "title: " + json.dumps(a["title"], ensure_ascii=False)]
        if a["published"] != "none": fm.append("published: " + a["published"])
        fm.append("source: " + a["source"]); fm.append("url: " + url(a))
        fm.append("authors: [" + ", ".join(json.dumps(x, ensure_ascii=False) for x in authors) + "]")
        fm.append("language: en"); fm.append("---")
        open(f"{OUT}/articles/{a['file']}.md", "w", encoding="utf-8").write("\n".join(fm) + "\n\n" + a["body"] + "\n")
    elif a["fmt"] == "html":
        def esc(s):
            s = html.escape(s, quote=False)
            if a["htmlent"] == "1":
                s = s.replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;").replace("\u2019", "&rsquo;")
            return s
        metas = [f'<meta name="readout:id" content="{a["id"]}">']
        if a["published"] != "none":
            metas.append(f'<meta property="article:published_time" content="{a["published"]}">')
        metas.append(f'<meta property="og:site_name" content="{html.escape(a["source"])}">')
        metas.append(f'<meta property="og:url" content="{url(a)}">')
        if authors: metas.append(f'<meta name="author" content="{html.escape(", ".join(authors))}">')
        for au in authors: metas.append(f'<meta property="article:author" content="{html.escape(au)}">')
        ps = "\n".join(f"      <p>{esc(p)}</p>" for p in a["body"].split("\n\n"))
        site = html.escape(a["source"])
        doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(a['title'])}</title>
  {chr(10).join('  ' + m if i else m for i, m in enumerate(metas))}
  <style>
    body {{ font-family: Georgia, serif; margin: 0 auto; max-width: 42rem; }}
    nav a {{ margin-right: 1rem; }}
  </style>
  <script>
    window.dataLayer = window.dataLayer || [];
    function track(e) {{ window.dataLayer.push({{event: e, page: "article"}}); }}
  </script>
</head>
<body>
  <nav>
    <a href="/">Home</a> <a href="/world">World</a> <a href="/diplomacy">Diplomacy</a> <a href="/subscribe">Subscribe</a>
  </nav>
  <main>
    <header><h1>{esc(a['title'])}</h1></header>
    <article>
{ps}
    </article>
  </main>
  <footer>
    <p>&copy; {site}. All rights reserved. <a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p>
  </footer>
  <script>track("view");</script>
</body>
</html>
"""
        open(f"{OUT}/articles/{a['file']}.html", "w", encoding="utf-8").write(doc)
    elif a["fmt"] == "rss":
        rss.append((a, authors))
open(OUT + "/articles.jsonl", "w", encoding="utf-8").write("\n".join(jl) + "\n")
if rss:
    items = []
    for a, authors in rss:
        d = pubdate(a)
        enc = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in a["body"].split("\n\n"))
        first = a["body"].split("\n\n")[0]
        creators = "".join(f"\n      <dc:creator>{html.escape(x)}</dc:creator>" for x in authors)
        items.append(f"""    <item>
      <title>{html.escape(a['title'], quote=False)}</title>
      <link>{url(a)}</link>
      <guid isPermaLink="false">{a['id']}</guid>
      <pubDate>{format_datetime(d)}</pubDate>{creators}
      <description>{html.escape(first, quote=False)}</description>
      <content:encoded><![CDATA[{enc}]]></content:encoded>
    </item>""")
    src = rss[0][0]["source"]
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{src}</title>
    <link>https://example.org/{slug(src)}/</link>
    <description>Maritime and regional security coverage from {src} (invented sample feed).</description>
    <language>en</language>
{chr(10).join(items)}
  </channel>
</rss>
"""
    open(OUT + "/feeds/" + slug(src) + ".rss", "w", encoding="utf-8").write(feed)
with open(GOLD, "w", encoding="utf-8") as f:
    for g in gold: f.write(json.dumps(g, ensure_ascii=False) + "\n")
# aliases.yaml
ya = ["# Aliases of the invented people and organisations of the sample corpus.",
      "# Loaded by the extractor through the same configuration as user aliases.",
      "# type: person|org|place; country: ISO 3166-1 alpha-2. Everyone here is invented."]
for e in ENTS:
    if not e["invented"]: continue
    line = f'- name: {json.dumps(e["name"], ensure_ascii=False)}\n  type: {e["type"]}\n  aliases: [' + ", ".join(json.dumps(x, ensure_ascii=False) for x in e["aliases"]) + "]"
    if e["country"]: line += f'\n  country: {e["country"]}'
    if e["role"]: line += f'\n  role: {json.dumps(e["role"], ensure_ascii=False)}'
    if e["type"] == "person": line += f'\n  gender: {GENDER[e["name"]]}'
    ya.append(line)
open(OUT + "/aliases.yaml", "w", encoding="utf-8").write("\n".join(ya) + "\n")
# stats
from collections import Counter
print("articles", len(arts), Counter(a["fmt"] for a in arts))
print("words", sum(a["words"] for a in arts), "quotes", sum(len(g["quotes"]) for g in gold))
for e in errors: print("ERR", e)
if os.environ.get("CAPS"):
    for w in sorted(capsw): print("CAP", w, len(capsw[w]))
# sync.sh copies nothing when a source text has an error
sys.exit(1 if errors else 0)
