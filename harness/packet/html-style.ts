/**
 * The packet page's only stylesheet, inlined so the file works offline and by e-mail. Verdicts always
 * carry a word and a symbol as well as a colour; "not run" and "not graded" are amber with a dashed border, never green.
 */
export const PACKET_CSS = `
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --bg: #ffffff;
  --pass: #116329; --pass-bg: #dafbe1; --pass-line: #4ac26b;
  --fail: #a40e26; --fail-bg: #ffebe9; --fail-line: #cf222e;
  --notrun: #7d4e00; --notrun-bg: #fff1c2; --notrun-line: #bf8700;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink); line-height: 1.5; font-size: 15px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
}
main { max-width: 1200px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0; line-height: 1.25; }
h2 { font-size: 19px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0; }
p { margin: 6px 0; }
code, .mono { font-family: var(--mono); font-size: 13px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; font-weight: 600; color: var(--muted); }
.banner {
  display: flex; flex-wrap: wrap; gap: 16px 24px; align-items: center; justify-content: space-between;
  border: 1px solid var(--line); border-left-width: 8px; border-radius: 10px; padding: 20px 24px; margin: 16px 0 20px;
}
.banner.ready { border-color: var(--pass-line); background: var(--pass-bg); }
.banner.not_ready { border-color: var(--fail-line); background: var(--fail-bg); }
.banner .packet-verdict { font-size: 30px; font-weight: 800; letter-spacing: .02em; }
.banner.ready .packet-verdict { color: var(--pass); }
.banner.not_ready .packet-verdict { color: var(--fail); }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
.verdict {
  display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; border: 1px solid; border-radius: 999px;
  padding: 1px 10px; font-size: 12px; font-weight: 700; letter-spacing: .04em;
}
.verdict.pass { color: var(--pass); background: var(--pass-bg); border-color: var(--pass-line); }
.verdict.fail { color: var(--fail); background: var(--fail-bg); border-color: var(--fail-line); }
.verdict.not_run { color: var(--notrun); background: var(--notrun-bg); border-color: var(--notrun-line); border-style: dashed; }
.verdict.big { font-size: 14px; padding: 3px 14px; }
.verdict.zero { color: var(--muted); background: var(--panel); border-color: var(--line); border-style: solid; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); margin: 0;
  border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
.facts div { padding: 10px 14px; border-right: 1px solid var(--line); border-bottom: 1px solid var(--line);
  margin: 0 -1px -1px 0; }
.facts dt { font-size: 12px; color: var(--muted); font-weight: 600; }
.facts dd { margin: 2px 0 0; overflow-wrap: anywhere; }
.facts .problem { background: var(--fail-bg); }
.facts .problem dd { color: var(--fail); font-weight: 600; }
.facts .sub { display: block; color: var(--muted); font-size: 13px; }
.facts .empty dd { color: var(--muted); font-style: italic; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
tr.error td { background: #fff8f7; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px; }
.scroll table { font-size: 13px; }
.log-fields td { font-size: 12px; }
.log-fields code { font-size: 12px; white-space: nowrap; overflow-wrap: normal; }
.log-fields code.wrap { white-space: normal; overflow-wrap: anywhere; }
.log-fields .sub { display: block; color: var(--muted); }
.status { font-weight: 700; }
tr.error .status { color: var(--fail); }
.scroll tr:last-child td { border-bottom: 0; }
.gate { border: 1px solid var(--line); border-left: 6px solid; border-radius: 10px; margin: 16px 0; padding: 16px 20px; }
.gate.pass { border-left-color: var(--pass-line); }
.gate.fail { border-left-color: var(--fail-line); }
.gate.not_run { border-left-color: var(--notrun-line); border-left-style: dashed; background: #fffcf0; }
.gate header { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
.gate > summary { cursor: pointer; list-style: none; }
.gate > summary::-webkit-details-marker { display: none; }
.gate > summary h3::before { content: '▸ '; color: var(--muted, #666); }
.gate[open] > summary h3::before { content: '▾ '; }
.gate .route { margin: 4px 0 10px; }
.reason { border-radius: 8px; padding: 8px 12px; margin: 10px 0; background: var(--panel); }
.gate.fail .reason { background: var(--fail-bg); color: var(--fail); }
.gate.not_run .reason { background: var(--notrun-bg); color: var(--notrun); }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 24px; margin: 8px 0; }
.two h4, .block h4 { margin: 12px 0 2px; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
.ids { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 4px 0; }
.ids li { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0 6px; }
.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
.timeline li { position: relative; padding: 4px 0 8px 20px; }
.timeline li::before { content: ""; position: absolute; left: -7px; top: 10px; width: 12px; height: 12px; border-radius: 50%;
  background: var(--pass-line); border: 2px solid var(--bg); }
.timeline li.problem::before { background: var(--fail-line); }
.timeline time { font-family: var(--mono); font-size: 12px; color: var(--muted); margin-right: 8px; }
.timeline .problem-label { color: var(--fail); font-weight: 700; }
.verdict.not_graded { color: var(--notrun); background: var(--notrun-bg); border-color: var(--notrun-line); border-style: dashed; }
.grades-summary { margin: 12px 0 0; padding: 8px 12px; border: 1px solid; border-left-width: 6px; border-radius: 8px; }
.grades-summary.fail { color: var(--fail); border-color: var(--fail-line); background: var(--bg); }
.grades-summary.not_graded { color: var(--notrun); border-color: var(--notrun-line); border-style: dashed; background: var(--notrun-bg); }
.grades-summary.pass { color: var(--pass); border-color: var(--pass-line); background: var(--pass-bg); }
.grades-summary a { color: inherit; }
.grade-report { border: 1px solid var(--line); border-left: 6px solid; border-radius: 10px; margin: 16px 0; padding: 16px 20px; }
.grade-report.pass { border-left-color: var(--pass-line); }
.grade-report.fail { border-left-color: var(--fail-line); }
.grade-report.not_graded { border-left-color: var(--notrun-line); border-left-style: dashed; background: #fffcf0; }
.grade-report header { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 10px; }
.grade-report .counts { margin: 10px 0; }
.grade-checks td:last-child { width: 45%; }
.grade-checks tr.fail td { background: #fff8f7; }
.grade-checks tr.not_graded td { background: #fffcf0; }
.grade-checks .sub { display: block; color: var(--muted); }
.evidence { list-style: none; padding: 0; margin: 0; }
.evidence li + li { margin-top: 4px; }
.evidence code { font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.grade-checks details summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 4px; }
footer { margin-top: 48px; font-size: 12px; color: var(--muted); }
@media (max-width: 720px) { .two { grid-template-columns: 1fr; } }
@media print {
  main { max-width: none; padding: 0; }
  .gate, .banner { break-inside: avoid; }
  .scroll { overflow: visible; }
}
`;
