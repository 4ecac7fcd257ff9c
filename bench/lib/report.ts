import fs from "node:fs";
import path from "node:path";

/** The issue's targets for the 2-core machine; `met` is judged on the recorded figures. */
export const TARGETS: Array<{ label: string; value: (r: Results) => number | null | undefined; op: "≥" | "≤" | "<" | "=="; target: number; unit: string }> = [
  { label: "Lesson page requests/s (32 connections)", value: (r) => r.lesson?.rps, op: "≥", target: 600, unit: "req/s" },
  { label: "Lesson page p99", value: (r) => r.lesson?.p99_ms, op: "≤", target: 100, unit: "ms" },
  { label: "Quiz answers/s", value: (r) => r.quiz_answer?.rps, op: "≥", target: 500, unit: "answers/s" },
  { label: "Quiz answer p99", value: (r) => r.quiz_answer?.p99_ms, op: "≤", target: 100, unit: "ms" },
  { label: "Exam start errors", value: (r) => r.exam_start?.errors, op: "==", target: 0, unit: "" },
  { label: "Exam start p95", value: (r) => r.exam_start?.p95_ms, op: "≤", target: 1000, unit: "ms" },
  { label: "Certificate PDF time", value: (r) => r.certificate_pdf?.ms, op: "<", target: 300, unit: "ms" },
  { label: "Certificate PDF size", value: (r) => (r.certificate_pdf ? r.certificate_pdf.bytes / 1024 : null), op: "<", target: 200, unit: "KB" },
  { label: "Lesson page JS (gzip)", value: (r) => r.page_weight?.lesson_js_gzip_kb, op: "≤", target: 100, unit: "KB" },
  { label: "Quiz page JS (gzip)", value: (r) => r.page_weight?.quiz_js_gzip_kb, op: "≤", target: 130, unit: "KB" },
  { label: "Lighthouse performance, lesson", value: (r) => r.lighthouse?.lesson?.performance, op: "≥", target: 95, unit: "" },
  { label: "Lighthouse performance, quiz", value: (r) => r.lighthouse?.quiz?.performance, op: "≥", target: 95, unit: "" },
  { label: "Lighthouse accessibility, lesson", value: (r) => r.lighthouse?.lesson?.accessibility, op: "==", target: 100, unit: "" },
  { label: "Lighthouse accessibility, quiz", value: (r) => r.lighthouse?.quiz?.accessibility, op: "==", target: 100, unit: "" },
  { label: "Statistics dashboard loader p95 (50,000 learners)", value: (r) => r.statistics?.dashboard_p95_ms, op: "<", target: 200, unit: "ms" },
  { label: "Item analysis loader p95 (50,000 learners)", value: (r) => r.statistics?.item_analysis_p95_ms, op: "<", target: 500, unit: "ms" },
  { label: "Trainer's progress grid p95 (500 learners × 8 modules)", value: (r) => r.trainer_grid?.p95_ms, op: "<", target: 150, unit: "ms" },
  { label: "Search p95, server time per query (32 searchers, 3 languages)", value: (r) => r.search?.p95_ms, op: "<", target: 20, unit: "ms" },
  { label: "Exam of 10,000 learners: errors", value: (r) => r.exam_10k?.errors, op: "==", target: 0, unit: "" },
  { label: "Exam of 10,000 learners: answer p99", value: (r) => r.exam_10k?.answer_p99_ms, op: "≤", target: 250, unit: "ms" },
  { label: "Exam of 10,000 learners: finish p99", value: (r) => r.exam_10k?.finish_p99_ms, op: "≤", target: 500, unit: "ms" },
  { label: "Exam of 10,000 learners: server memory (sum of PSS)", value: (r) => r.exam_10k?.peak_pss_mb, op: "≤", target: 400, unit: "MB" },
  { label: "Exam of 10,000 learners: dashboard loader p95 while it runs", value: (r) => r.exam_10k?.dashboard_p95_ms, op: "<", target: 200, unit: "ms" },
  // Judged on the memory the server's processes hold together, each shared page counted once (section 8).
  { label: "Peak memory of the server (sum of PSS)", value: (r) => r.peak_pss_mb, op: "≤", target: 400, unit: "MB" },
];

// Loosely typed on purpose: the report prints what the run recorded, whatever extra fields it has.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Results = Record<string, any>;

function met(value: number | null | undefined, op: string, target: number): boolean | null {
  if (value === null || value === undefined) return null;
  if (op === "≥") return value >= target;
  if (op === "≤") return value <= target;
  if (op === "<") return value < target;
  return value === target;
}

export function judge(results: Results) {
  return TARGETS.map((t) => {
    const value = t.value(results);
    return { label: t.label, value: value === undefined ? null : value, target: `${t.op} ${t.target}${t.unit ? " " + t.unit : ""}`, met: met(value, t.op, t.target) };
  });
}

const fmt = (v: unknown, digits = 1) => (v === null || v === undefined ? "—" : typeof v === "number" ? String(Math.round(v * 10 ** digits) / 10 ** digits) : String(v));

export function renderMarkdown(results: Results, changesFile: string): string {
  const r = results;
  const lines: string[] = [];
  lines.push(`# Trag benchmark results${r.mode === "smoke" ? " (smoke run: too short to judge targets)" : ""}`, "");
  lines.push(`Written by \`npm run bench\` (bench/run.ts). Raw figures: bench/results.json.`, "");
  lines.push("| | |", "| --- | --- |");
  lines.push(`| Date | ${r.date} |`);
  lines.push(`| Git commit | \`${r.commit}\`${r.dirty ? ` (working tree had ${r.dirty_paths.length} uncommitted change(s) under app/, db/, scripts/ or courses/ when built)` : ""} |`);
  lines.push(`| Machine | ${r.machine.cpu_model}, ${r.machine.cores} cores, ${r.machine.memory_gb} GB, Linux ${r.machine.kernel} |`);
  lines.push(`| Node | ${r.node} |`);
  lines.push(`| Machine load | 1-minute load average ${fmt(r.loadavg_1m_start)} at the start, ${fmt(r.loadavg_1m_end)} at the end (other work on the machine slows every figure) |`);
  lines.push(`| Chromium | ${r.machine.chromium ?? "—"} |`);
  lines.push(`| Server | scripts/start.js, NODE_ENV=production, TRAG_DEMO=1, fresh DATA_DIR, ${r.workers} process(es) serving (WEB_CONCURRENCY=${r.web_concurrency ?? "unset"}) |`);
  lines.push(
    `| Load | autocannon ${r.autocannon_version} on 127.0.0.1, ${r.mode_detail.warmupSeconds} s warm-up, then ${r.mode_detail.runs ?? 1} measured run(s) of ${r.mode_detail.seconds} s for the lesson page and the quiz answers, whose figures are the medians (max: the largest of the runs); lesson page without Accept-Encoding (and again with a browser's), quiz and exam requests with \`${r.accept_encoding}\` |`,
  );
  lines.push("");
  lines.push("## Targets", "", "| Figure | Measured | Target | Met |", "| --- | ---: | --- | :---: |");
  for (const row of judge(results)) lines.push(`| ${row.label} | ${fmt(row.value)} | ${row.target} | ${row.met === null ? "—" : row.met ? "yes" : "**no**"} |`);
  lines.push(
    "",
    `Not judged, for comparison with earlier runs: the sum of each process's own peak RSS (VmHWM) was ${fmt(r.peak_rss_mb)} MB; it counts the pages the processes share (Node's own binary, ~38 MB, among them) once per process, so it is an upper bound.`,
    "",
  );
  if (r.lesson) {
    const l = r.lesson;
    lines.push("## 1. Lesson page", "");
    lines.push(
      `\`GET ${l.path}\` (${l.html_bytes} bytes of HTML) as ${l.learners} logged-in learners in turn, ${l.connections} connections. Each request looks the session up, records the visit, reads progress and renders the cached lesson body. Baselines in the same run, same connections and duration, same process count: the same HTML bytes as a static file (express + compression + express.static, as build/client is served) and Node's http hello-world.`,
      "",
    );
    lines.push("| Server | req/s | p50 ms | p99 ms | max ms | non-200 |", "| --- | ---: | ---: | ---: | ---: | ---: |");
    lines.push(`| Trag lesson page | ${fmt(l.rps)} | ${fmt(l.p50_ms)} | ${fmt(l.p99_ms)} | ${fmt(l.max_ms)} | ${l.unexpected_responses} |`);
    lines.push(`| Static file, same bytes | ${fmt(l.static_rps)} | ${fmt(l.detail.static.p50_ms)} | ${fmt(l.detail.static.p99_ms)} | ${fmt(l.detail.static.max_ms)} | ${l.detail.static.wrong} |`);
    lines.push(`| Node http hello-world | ${fmt(l.hello_rps)} | ${fmt(l.detail.hello.p50_ms)} | ${fmt(l.detail.hello.p99_ms)} | ${fmt(l.detail.hello.max_ms)} | ${l.detail.hello.wrong} |`);
    lines.push(
      "",
      `Ratios: lesson page / static file = **${fmt(l.ratio_to_static, 3)}**, lesson page / hello-world = **${fmt(l.ratio_to_hello, 3)}**. Server CPU per lesson page: ${fmt(l.server_cpu_ms_per_request, 2)} ms (all server processes, user + system; 1-minute load average before the run: ${fmt(l.loadavg_1m_before)}).`,
      "",
    );
    if (l.compressed) {
      lines.push(
        `The figures above are for the bytes as they are (no Accept-Encoding, autocannon's default). With a browser's \`Accept-Encoding: ${l.compressed.accept_encoding}\` the compression middleware adds brotli on every response:`,
        "",
      );
      lines.push("| Server, compressed | req/s | p50 ms | p99 ms |", "| --- | ---: | ---: | ---: |");
      lines.push(`| Trag lesson page | ${fmt(l.compressed.rps)} | ${fmt(l.compressed.p50_ms)} | ${fmt(l.compressed.p99_ms)} |`);
      lines.push(`| Static file, same bytes | ${fmt(l.compressed.static_rps)} | — | ${fmt(l.compressed.static_p99_ms)} |`);
      lines.push("", `Ratio compressed: ${fmt(l.compressed.ratio_to_static, 3)}.`, "");
    }
  }
  if (r.quiz_answer) {
    const q = r.quiz_answer;
    lines.push("## 2. Quiz answers", "");
    lines.push(
      `${q.learners} learners each with an attempt in progress on ${q.module}; ${q.connections} connections post the question form's Save (intent=save, current revision, CSRF token), each learner used by one connection at a time. Every accepted answer is graded and stored with the attempt's new state in one transaction: ${q.saved} answers accepted in the measured window, ${q.answer_rows_stored} rows found in quiz_answers afterwards (requests still in flight when the window closed land too), ${q.refused} refused${
        q.refused
          ? ` (${Object.entries(q.refusals ?? {})
              .map(([k, v]) => `${v}× ${k}`)
              .join(", ")}; the learner is then resynchronised from its attempt page)`
          : ""
      }. Question types answered: ${Object.entries(q.question_types)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}.`,
      "",
    );
    lines.push(
      `| answers/s | p50 ms | p99 ms | max ms | server CPU ms/answer |`,
      "| ---: | ---: | ---: | ---: | ---: |",
      `| ${fmt(q.rps)} | ${fmt(q.p50_ms)} | ${fmt(q.p99_ms)} | ${fmt(q.max_ms)} | ${fmt(q.server_cpu_ms_per_request, 2)} |`,
      "",
    );
  }
  if (r.exam_start) {
    const e = r.exam_start;
    lines.push("## 3. Start of an exam session", "");
    lines.push(
      `${e.learners} logged-in learners press Start on the ${e.module} quiz within ${e.window_s} s (a burst at the top of each second) and follow the redirect to their first question. Latency per learner = start POST + first question page. ${e.attempts_created} attempts stored; the run took ${e.elapsed_s} s.`,
      "",
    );
    lines.push("| errors | p50 ms | p95 ms | max ms | start POST p95 ms | first page p95 ms |", "| ---: | ---: | ---: | ---: | ---: | ---: |");
    lines.push(`| ${e.errors} | ${fmt(e.p50_ms)} | ${fmt(e.p95_ms)} | ${fmt(e.max_ms)} | ${fmt(e.start_post_p95_ms)} | ${fmt(e.first_page_p95_ms)} |`, "");
  }
  lines.push("## 4. Statistics", "");
  if (r.statistics) {
    const st = r.statistics;
    const rows = Object.entries(st.rows as Record<string, number>)
      .map(([table, n]) => `${table} ${n.toLocaleString("en")}`)
      .join(", ");
    lines.push(
      `\`npm run seed:large -- --learners ${st.learners} --seed ${st.seed}\` database (made in ${fmt(st.seed_seconds)} s, or reused): ${rows}. A server on it (scripts/start.js); as the demo reviewer, 2 untimed then ${st.requests} timed requests of the dashboard's loader (\`/statistics?…&_data=routes/statistics._index\`), one at a time, each with other filters (periods of 1 to 24 months, a module, an institution type, a district, a group).`,
      "",
    );
    lines.push(
      `Then, the same way, ${st.item_analysis_per_request_ms?.length ?? 0} timed requests of the item analysis's loader (\`/statistics/items?…&_data=routes/statistics.items\`): each quiz of the course in turn, every other one narrowed to a group.`,
      "",
    );
    lines.push("| Loader | p50 ms | p95 ms | max ms | load average |", "| --- | ---: | ---: | ---: | ---: |");
    lines.push(`| Dashboard | ${fmt(st.dashboard_p50_ms)} | ${fmt(st.dashboard_p95_ms)} | ${fmt(st.dashboard_max_ms)} | ${fmt(st.loadavg_1m, 2)} |`);
    lines.push(`| Item analysis | ${fmt(st.item_analysis_p50_ms)} | ${fmt(st.item_analysis_p95_ms)} | ${fmt(st.item_analysis_max_ms)} | ${fmt(st.loadavg_1m, 2)} |`, "");
    if (st.note) lines.push(st.note, "");
  } else lines.push(r.statistics_note ?? "Not measured.", "");
  if (r.certificate_pdf) {
    const c = r.certificate_pdf;
    lines.push("## 5. Certificate PDF", "");
    lines.push("renderCertificatePdf called in-process with the real course's eight module titles: first call of the process (reads the DejaVu fonts), then the median of 5.", "");
    lines.push("| Language | first call ms | median ms | bytes |", "| --- | ---: | ---: | ---: |");
    for (const [language, v] of Object.entries(c.per_language as Record<string, { cold_ms: number; ms: number; bytes: number }>))
      lines.push(`| ${language} | ${fmt(v.cold_ms)} | ${fmt(v.ms)} | ${v.bytes} |`);
    lines.push("");
  }
  if (r.page_weight) {
    const p = r.page_weight;
    lines.push("## 6. Page weight", "");
    lines.push(
      `From ${p.manifest}: entry.client, root and the route, static imports followed transitively (checked against the modulepreload links of the pages' HTML), each fetched from the running server. The build writes a zopfli .gz and a quality-11 .br beside every script (scripts/precompress-assets.ts) and the server sends those: "gzip" is what a client accepting only gzip receives (the figure the target judges), "brotli" what a browser receives. "gzip -6" compresses the same files at zlib's default level, as compressing on the fly would.`,
      "",
    );
    lines.push("| Page | JS gzip KB | JS brotli KB | JS gzip -6 KB | JS raw KB | CSS gzip KB |", "| --- | ---: | ---: | ---: | ---: | ---: |");
    lines.push(`| Lesson | ${fmt(p.lesson_js_gzip_kb)} | ${fmt(p.lesson_js_brotli_kb)} | ${fmt(p.lesson_js_gzip6_kb)} | ${fmt(p.lesson_js_raw_kb)} | ${fmt(p.lesson_css_gzip_kb)} |`);
    lines.push(`| Quiz attempt | ${fmt(p.quiz_js_gzip_kb)} | ${fmt(p.quiz_js_brotli_kb)} | ${fmt(p.quiz_js_gzip6_kb)} | ${fmt(p.quiz_js_raw_kb)} | ${fmt(p.quiz_css_gzip_kb)} |`, "");
    lines.push(`Content-Encoding of the lesson page's responses: ${JSON.stringify(p.content_encodings)}.`, "");
  }
  lines.push("## 7. Lighthouse", "");
  if (r.lighthouse) {
    lines.push("Lighthouse 12.8 (default mobile settings, simulated throttling) in Debian's Chromium, logged in through the session cookie. Median of the runs per category.", "");
    lines.push("| Page | runs | performance | accessibility | best practices | LCP | TBT | CLS | points lost |", "| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |");
    for (const [name, s] of Object.entries(r.lighthouse as Results)) {
      if (!s) {
        lines.push(`| ${name} | 0 | — | — | — | | | | not run |`);
        continue;
      }
      const lost = Object.entries(s.failing as Record<string, string[]>)
        .flatMap(([cat, audits]) => audits.map((a) => `${cat}: ${a}`))
        .join("; ");
      lines.push(
        `| ${name} | ${s.runs} | ${fmt(s.performance)} | ${fmt(s.accessibility)} | ${fmt(s.best_practices)} | ${s.metrics["largest-contentful-paint"] ?? ""} | ${s.metrics["total-blocking-time"] ?? ""} | ${s.metrics["cumulative-layout-shift"] ?? ""} | ${lost || "none"} |`,
      );
    }
    lines.push("");
  }
  if (r.memory) {
    lines.push("## 8. Memory", "");
    lines.push(
      `Peak memory of the server over the whole run: **${fmt(r.peak_pss_mb)} MB**, the largest sum of the PSS (proportional set size: resident pages, each page shared by several processes divided among them) of its ${r.memory.processes.length} processes, polled from /proc/<pid>/smaps_rollup every 250 ms. Summing RSS instead counts the pages the primary and the workers share (Node's own binary, ~38 MB resident, among them) once per process: the sum of each process's own peak RSS (VmHWM: ${r.memory.processes.map((p: Results) => `${p.role} ${p.peak_mb} MB`).join(", ")}) was ${fmt(r.peak_rss_mb)} MB, an upper bound; the largest sum of VmRSS seen at one poll ${fmt(r.memory.max_concurrent_rss_mb)} MB.`,
      "",
    );
  }
  if (r.trainer_grid) {
    const g = r.trainer_grid;
    lines.push("## 9. Trainer's progress grid", "");
    lines.push(
      `\`GET /trainer/groups/:id/progress\` as the group's trainer, for a group of ${g.learners} learners × ${g.modules} assigned modules (bench/lib/seed.ts \`seedTrainerGroup\`: lessons, passed, failed and running quiz attempts spread over them), ${g.requests} requests one at a time after a warm-up, so each time is the server's time plus a loopback round trip; also filtered and sorted, and both exports. CPU ms: the server processes' CPU time per measured request.`,
      "",
    );
    lines.push("| Request | p50 ms | p95 ms | max ms | CPU ms | bytes |", "| --- | ---: | ---: | ---: | ---: | ---: |");
    lines.push(`| Grid page | ${fmt(g.p50_ms)} | ${fmt(g.p95_ms)} | ${fmt(g.max_ms)} | ${fmt(g.cpu_ms)} | ${g.html_bytes} |`);
    for (const [label, v] of [
      ["Filtered (overdue, by progress)", g.filtered],
      ["CSV export", g.csv],
      ["XLSX export", g.xlsx],
    ] as const)
      lines.push(`| ${label} | ${fmt(v.p50_ms)} | ${fmt(v.p95_ms)} | ${fmt(v.max_ms)} | ${fmt(v.cpu_ms)} | ${v.bytes} |`);
    lines.push("");
  }
  if (r.exam_10k) {
    const x = r.exam_10k;
    lines.push("## 11. Exam of 10,000 learners", "");
    lines.push(
      `${x.learners.toLocaleString("en")} learners, signed in beforehand, start the ${x.module} quiz at moments spread evenly over ${x.start_window_s} s; each answers a question every ${x.answer_gap_s.join("–")} s (uniformly at random) for ${x.answering_s} s after their start, then finishes. Each answer is the question form's POST (intent=save, 302) followed by the page's data (\`?_data=\`, as the browser refetches it after the redirect); the finish is POST intent=finish (302), then the review's data. The server (scripts/start.js, ${x.memory.length} processes) runs on a copy of the seed:large database with the exam's learners added (${x.database_learners.toLocaleString("en")} learners), so every answer updates summaries of realistic size. The load generator is bench/scenarios/exam-10k.ts on the same machine (Node's http client, a keep-alive pool of ${x.sockets} sockets). A reviewer's dashboard loader is timed every 30 s while the exam runs (the statistics scenario's filters in turn).`,
      "",
    );
    lines.push(
      "| errors | answers | answer p50 ms | answer p99 ms | finish p99 ms | dashboard p95 ms (n) | server PSS MB | server CPU s | load generator CPU s | load average mean (max) |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    lines.push(
      `| ${x.errors} | ${x.answers} | ${fmt(x.answer_p50_ms)} | ${fmt(x.answer_p99_ms)} | ${fmt(x.finish_p99_ms)} | ${fmt(x.dashboard_p95_ms)} (${x.dashboard_requests}) | ${fmt(x.peak_pss_mb)} | ${fmt(x.server_cpu_s)} | ${fmt(x.load_generator_cpu_s)} | ${fmt(x.loadavg_1m.mean, 2)} (${fmt(x.loadavg_1m.max, 2)}) |`,
      "",
    );
    lines.push("| Step | n | p50 ms | p95 ms | p99 ms | max ms |", "| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const [step, v] of Object.entries(x.steps as Record<string, Results>)) lines.push(`| ${step} | ${v.n} | ${fmt(v.p50_ms)} | ${fmt(v.p95_ms)} | ${fmt(v.p99_ms)} | ${fmt(v.max_ms)} |`);
    lines.push(
      "",
      `Attempts finished in the database: ${x.attempts_finished_in_db}; answer rows: ${x.answer_rows_in_db}. ${
        x.errors
          ? `Errors: ${Object.entries(x.error_reasons)
              .map(([k, v]) => `${v}× ${k}`)
              .join("; ")}.`
          : ""
      }`,
      "",
    );
    if (x.note) lines.push(x.note, "");
  }
  if (r.verify_flood) {
    const v = r.verify_flood;
    lines.push("## 12. Lesson page under a verification flood", "");
    lines.push(
      `\`GET ${v.path}\` as ${v.learners} learners, 32 connections, ${v.runs} run(s) each without and with ${v.flood.posters} posters sending a ${v.flood.credential_bytes}-byte worst-case credential to \`/verify\` back to back, each from its own loopback address until refused (bench/scenarios/verify-flood.ts). Load average before: ${fmt(v.loadavg_1m_before)}.`,
      "",
    );
    lines.push("| Lesson page | req/s | p50 ms | p99 ms | max ms |", "| --- | ---: | ---: | ---: | ---: |");
    for (const [label, x] of [
      ["without flood", v.without_flood],
      ["with flood", v.with_flood],
    ] as const)
      lines.push(`| ${label} | ${fmt(x.rps)} | ${fmt(x.p50_ms)} | ${fmt(x.p99_ms)} | ${fmt(x.max_ms)} |`);
    lines.push("", `\`/verify\` answers by status: ${JSON.stringify(v.flood.statuses)}; p50 ${fmt(v.flood.p50_ms)} ms, p99 ${fmt(v.flood.p99_ms)} ms.`, "");
  }
  if (r.partial_runs?.length) {
    lines.push("## Partial runs", "", "Figures above from runs of some scenarios only (`--only`), merged into the recorded results:", "");
    for (const run of r.partial_runs as Results[])
      lines.push(`- ${run.only.join(", ")}: ${run.date}, commit \`${run.commit}\`${run.dirty ? " (uncommitted changes)" : ""}, load average ${fmt(run.loadavg_1m_start)} → ${fmt(run.loadavg_1m_end)}`);
    lines.push("");
  }
  if (r.errors && Object.keys(r.errors).length > 0) {
    lines.push("## Scenario failures", "");
    for (const [name, message] of Object.entries(r.errors)) lines.push(`- ${name}: ${message}`);
    lines.push("");
  }
  if (fs.existsSync(changesFile)) lines.push(fs.readFileSync(changesFile, "utf8").trim(), "");
  return lines.join("\n");
}

export function writeResults(outDir: string, results: Results, changesFile: string) {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
  fs.writeFileSync(path.join(outDir, "results.md"), renderMarkdown(results, changesFile));
}
