/** The HTML report's stylesheet (inlined: the page loads nothing). Light and dark themes. */
export const HTML_STYLE = `
:root{--bg:#f8f7fb;--panel:#fff;--ink:#1f1b2e;--dim:#6b6680;--line:#e6e3ee;--accent:#7c3aed;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
@media (prefers-color-scheme:dark){:root{--bg:#14121c;--panel:#1d1a28;--ink:#ece9f5;--dim:#a29db5;--line:#2f2b3d}}
*{box-sizing:border-box}
body{margin:0}
main{max-width:1120px;margin:0 auto;padding:32px 20px 48px}
h1{font-size:2.1rem;margin:.1em 0 .2em;letter-spacing:-.02em}
h2{font-size:1.15rem;margin:0 0 .8em}
h3{font-size:.95rem;margin:1.2em 0 .6em;color:var(--dim)}
.kicker{margin:0;color:var(--accent);font-weight:600;text-transform:uppercase;letter-spacing:.08em;font-size:.75rem}
.sub,.note,.dim,.empty{color:var(--dim)}
.sub{margin:0;font-size:.9rem;overflow-wrap:anywhere}
section{background:var(--panel);border:1px solid var(--line);border-radius:14px;padding:20px 22px;margin:18px 0}
section.cards,section.two{background:none;border:0;padding:0}
.cards{display:grid;grid-template-columns:2fr 1fr 1fr 1fr;gap:14px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:14px;padding:16px 18px}
.card .label{margin:0;color:var(--dim);font-size:.85rem}
.card .value{margin:.15em 0;font-size:2rem;font-weight:700;font-variant-numeric:tabular-nums}
.card .note{margin:0;font-size:.8rem;line-height:1.4}
.card.hero{background:linear-gradient(135deg,#7c3aed,#db2777);color:#fff;border:0}
.card.hero .label,.card.hero .note{color:#f3e8ff}
.card.hero .value{font-size:3rem}
.two{display:grid;grid-template-columns:1fr 1fr;gap:18px}
section.two>div{background:var(--panel);border:1px solid var(--line);border-radius:14px;padding:20px 22px;min-width:0}
.big{font-size:1.25rem;margin:.2em 0 .8em}
.big strong{color:var(--accent);font-size:1.5rem}
.split{display:flex;height:22px;border-radius:11px;overflow:hidden;margin-bottom:8px}
.split span{display:block;height:100%}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 16px;padding:0;margin:0 0 10px;font-size:.82rem;color:var(--dim)}
.legend i,.dot{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:6px;vertical-align:-1px}
.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .tick{fill:var(--dim);font-size:11px}
.chart .zone{fill:var(--ink);fill-opacity:0}
.chart .zone:hover{fill-opacity:.07}
.bars{list-style:none;padding:0;margin:0}
.bars li{display:grid;grid-template-columns:minmax(0,11em) 1fr 5.5em 4em;gap:8px;align-items:center;font-size:.85rem;padding:3px 0}
.bars .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bars .bar{background:var(--line);border-radius:4px;height:10px;overflow:hidden}
.bars .bar i{display:block;height:100%;border-radius:4px}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table{width:100%;border-collapse:collapse;font-size:.85rem;table-layout:fixed}
th{text-align:left;color:var(--dim);font-weight:500;border-bottom:1px solid var(--line);padding:6px 4px}
th:not(:first-child){width:6.5em}
th.apps{width:36%}
td{padding:6px 4px;border-bottom:1px solid var(--line);vertical-align:top}
td.page{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-family:ui-monospace,monospace;font-size:.8rem}
.chip{display:inline-block;border:1px solid;border-radius:999px;padding:0 7px;margin:0 4px 3px 0;font-size:.75rem;white-space:nowrap}
.plain{padding-left:1.1em;margin:0;font-size:.85rem;line-height:1.6}
code{font-size:.8rem;overflow-wrap:anywhere}
footer{color:var(--dim);font-size:.8rem;margin-top:24px;line-height:1.5}
@media (max-width:820px){.cards,.two{grid-template-columns:1fr}}
`;
