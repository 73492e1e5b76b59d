"""Markdown tables and target verdicts from a benchmark run's JSON."""

import re

# promlambda's default result budget in bytes of compact JSON (PROMLAMBDA_MAX_RESULT_BYTES unset).
DEFAULT_BUDGET_BYTES = 32_000
SYSTEMS = ["promlambda", "prometheus-mcp-server", "awslabs.prometheus-mcp-server"]
SHORT_NAMES = {"promlambda": "promlambda", "prometheus-mcp-server": "prometheus-mcp-server",
               "awslabs.prometheus-mcp-server": "awslabs"}
SIZE_ORDER = ["small", "medium", "large"]
SERIES_COUNTS = {"small": "23 series", "medium": "1,013 series", "large": "20,013 series"}
# The queries of the range target: 150 series on medium and large data.
RANGE_150_QUERIES = ("range_150", "range_150_full")
BEGIN_MARKER = "<!-- bench:begin (scripts/bench writes this section) -->"
END_MARKER = "<!-- bench:end -->"


def ordered_sizes(report):
    """Return (size, result) pairs from small to large; the JSON file stores them sorted by name."""
    return sorted(report["sizes"].items(), key=lambda item: SIZE_ORDER.index(item[0]))


def ms(summary):
    return "–" if not summary else f"{summary['median_ms']:.1f} / {summary['p95_ms']:.1f}"


def ratio(summary, floor):
    if not summary or not floor:
        return None
    return summary["median_ms"] / floor["median_ms"]


def times(value):
    return "–" if value is None else f"{value:.2f}x"


def megabytes(kib):
    return kib * 1024 / 1_000_000


def floor_summary(size_result, query):
    warm = size_result["warm"]
    return warm.get(query.get("floor_of") or query["id"], {}).get("floor_http")


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# Per-size sections.

def responses_table(size_result):
    rows = []
    for query in size_result["queries"]:
        response = size_result["prometheus_responses"][query["id"]]
        rows.append([f"`{query['id']}`", query["description"], f"`{query['promql']}`",
                     response["series"], response["points"], f"{response['body_bytes']:,}"])
    return table(["query", "what", "PromQL", "series", "points", "Prometheus body (bytes)"], rows)


def warm_table(size_result):
    header = ["query", "floor: HTTP keep-alive"]
    for name in SYSTEMS:
        header += [SHORT_NAMES[name], "ratio"]
    rows = []
    for query in size_result["queries"]:
        entry = size_result["warm"].get(query["id"], {})
        floor = floor_summary(size_result, query)
        row = [f"`{query['id']}`", ms(floor)]
        for name in SYSTEMS:
            row += [ms(entry.get(name)), times(ratio(entry.get(name), floor))]
        rows.append(row)
    return table(header, rows)


def bytes_cell(output):
    if not output:
        return "–"
    text = f"{output['total']:,} ({output['text']:,} + {output['structured']:,})"
    if "returnedSeries" in output:
        text += f", {output['returnedSeries']} of {output['totalSeries']} series"
    if output.get("is_error"):
        text += ", error result"
    return text


def bytes_table(size_result):
    header = ["query", "Prometheus body"] + [SHORT_NAMES[name] for name in SYSTEMS]
    rows = []
    for query in size_result["queries"]:
        outputs = size_result["outputs"].get(query["id"], {})
        body = size_result["prometheus_responses"][query["id"]]["body_bytes"]
        rows.append([f"`{query['id']}`", f"{body:,}"] + [bytes_cell(outputs.get(name)) for name in SYSTEMS])
    return table(header, rows)


def start_up_table(size_result):
    rows = []
    for name in SYSTEMS:
        entry = size_result["start_up"].get(name, {})
        rows.append([SHORT_NAMES[name], ms(entry.get("sdk_initialize")), ms(entry.get("sdk_first_call")),
                     ms(entry.get("raw_initialize")), ms(entry.get("raw_first_call"))])
    return table(["server", "SDK: initialize result", "SDK: first tools/call result",
                  "raw: initialize result", "raw: first tools/call result"], rows)


def one_shot_table(size_result):
    rows = []
    for query in size_result["queries"]:
        entry = size_result["one_shot"].get(query["id"], {})
        curl = entry.get("curl_process") or size_result["one_shot"].get(query.get("floor_of") or "", {}).get("curl_process")
        cli = entry.get("promlambda_cli")
        rows.append([f"`{query['id']}`", ms(curl), ms(cli), times(ratio(cli, curl))])
    return table(["query", "curl process", "promlambda CLI", "ratio"], rows)


def memory_table(size_result):
    memory = size_result.get("memory", {})
    fresh = size_result.get("fresh_memory", {})
    query_ids = [query["id"] for query in size_result["queries"]]
    header = ["server", "RSS after initialize", "peak after all warm calls"] + [f"fresh: `{qid}`" for qid in query_ids]
    rows = []
    for name in SYSTEMS:
        entry = memory.get(name, {})
        after_init = entry.get("after_initialize_kib", {})
        peak = entry.get("after_session_kib", {}).get("VmHWM")
        init_cell = "–"
        if "VmRSS" in after_init:
            init_cell = f"{megabytes(after_init['VmRSS']):.1f}"
        if "RssAnon" in after_init:
            init_cell += f" ({megabytes(after_init['RssAnon']):.1f} anonymous)"
        row = [SHORT_NAMES[name], init_cell, "–" if peak is None else f"{megabytes(peak):.1f}"]
        for qid in query_ids:
            value = fresh.get(qid, {}).get(name, {}).get("peak_kib")
            row.append("–" if value is None else f"{megabytes(value):.1f}")
        rows.append(row)
    return table(header, rows)


def errors_section(size_result):
    lines = []
    for name, entries in size_result.get("errors", {}).items():
        for entry in entries:
            lines.append(f"- {name}, {entry['stage']}: {entry['error']}")
            if entry.get("stderr_tail"):
                tail = entry["stderr_tail"].strip().splitlines()[-6:]
                lines.append("  ```\n" + "\n".join("  " + line for line in tail) + "\n  ```")
    return "\n".join(lines) if lines else "None."


def size_section(size, size_result):
    load_before = size_result["load_before"]["uptime"]
    load_after = size_result.get("load_after", {}).get("uptime", "–")
    return "\n\n".join([
        f"### {size} data ({SERIES_COUNTS.get(size, '')})",
        f"Load before: `{load_before}`  \nLoad after: `{load_after}`",
        "Queries and Prometheus' own responses:",
        responses_table(size_result),
        "Warm latency in one session, ms (median / p95); ratio = median / floor median:",
        warm_table(size_result),
        "Bytes returned to the model per call: total (text + structuredContent as compact JSON):",
        bytes_table(size_result),
        "Process start to first answer, ms (median / p95), fresh process each run:",
        start_up_table(size_result),
        "One process per answer, start to exit, ms (median / p95):",
        one_shot_table(size_result),
        "Memory, MB (10^6 bytes) of resident set: after initialize (and the part not backed by "
        "files), peak (VmHWM) after all warm calls, and peak of a fresh process after one tool call:",
        memory_table(size_result),
        "Errors recorded:",
        errors_section(size_result),
    ])


# Targets.

def verdict(values_ok):
    if not values_ok:
        return "not measured"
    return "met" if all(values_ok) else "not met"


def target_instant(report):
    parts, oks = [], []
    for size, result in ordered_sizes(report):
        for query in result["queries"]:
            if query["kind"] != "instant":
                continue
            value = ratio(result["warm"].get(query["id"], {}).get("promlambda"), floor_summary(result, query))
            if value is not None:
                oks.append(value <= 1.5)
                parts.append(f"{size} `{query['id']}` {value:.2f}x")
    return ["warm instant query within 1.5x of the floor", "; ".join(parts), verdict(oks)]


def target_range(report):
    parts, oks = [], []
    for size, result in ordered_sizes(report):
        for query in result["queries"]:
            if query["id"] not in RANGE_150_QUERIES:
                continue
            series = result["prometheus_responses"][query["id"]]["series"]
            value = ratio(result["warm"].get(query["id"], {}).get("promlambda"), floor_summary(result, query))
            if value is None:
                continue
            label = f"{size} `{query['id']}` ({series} series) {value:.2f}x"
            if series >= 150:
                oks.append(value <= 2)
            else:
                label += " (not counted: fewer than 150 series)"
            parts.append(label)
    return ["warm range query over 150 series within 2x of the floor", "; ".join(parts), verdict(oks)]


def target_start(report, key, name, reference_key=None):
    """Check promlambda's median time from process start to `key` against 50 ms, with the peers' for scale."""
    parts, oks = [], []
    for size, result in ordered_sizes(report):
        own = result["start_up"].get("promlambda", {}).get(key)
        if not own:
            continue
        oks.append(own["median_ms"] < 50)
        text = f"{size}: {own['median_ms']:.0f} ms"
        reference = result["start_up"]["promlambda"].get(reference_key) if reference_key else None
        if reference:
            text += f" ({reference['median_ms']:.0f} ms through the SDK client)"
        peers = [f"{SHORT_NAMES[peer]} {result['start_up'][peer][key]['median_ms']:.0f} ms"
                 for peer in SYSTEMS[1:] if key in result["start_up"].get(peer, {})]
        parts.append(", ".join([text] + peers))
    return [name, "; ".join(parts), verdict(oks)]


def target_small_memory(report):
    result = report["sizes"].get("small")
    if not result:
        return ["peak memory under 30 MB on small data", "small data not measured", "not measured"]
    peaks = [result.get("memory", {}).get("promlambda", {}).get("after_session_kib", {}).get("VmHWM")]
    peaks += [entry.get("promlambda", {}).get("peak_kib") for entry in result.get("fresh_memory", {}).values()]
    peaks = [peak for peak in peaks if peak is not None]
    if not peaks:
        return ["peak memory under 30 MB on small data", "no sample", "not measured"]
    worst = megabytes(max(peaks))
    return ["peak memory under 30 MB on small data", f"highest peak {worst:.1f} MB", verdict([worst < 30])]


def target_large_memory(report):
    name = "peak memory under 4x the response size on large data"
    result = report["sizes"].get("large")
    if not result:
        return [name, "large data not measured", "not measured"]
    responses = result["prometheus_responses"]
    largest = max(responses, key=lambda qid: responses[qid]["body_bytes"])
    entry = result.get("fresh_memory", {}).get(largest, {}).get("promlambda")
    if not entry:
        return [name, "no sample", "not measured"]
    body = responses[largest]["body_bytes"]
    peak = entry["peak_kib"] * 1024
    growth = peak - entry["rss_after_initialize_kib"] * 1024
    text = (f"`{largest}`: Prometheus body {body / 1e6:.1f} MB, fresh-process peak {peak / 1e6:.1f} MB "
            f"({peak / body:.1f}x), growth over the idle server {growth / 1e6:.1f} MB ({growth / body:.1f}x)")
    if peak <= 4 * body:
        result = "met"
    elif growth <= 4 * body:
        result = "met for the growth only"
    else:
        result = "not met"
    return [name, text, result]


def default_budget_outputs(report):
    """Yield (size, query id, the outputs per system) for every query run with the default budget."""
    for size, result in ordered_sizes(report):
        for query in result["queries"]:
            outputs = result["outputs"].get(query["id"], {})
            if query.get("max_bytes") is None and "promlambda" in outputs:
                yield size, query["id"], outputs


def target_budget(report, part):
    """Check one part of promlambda's result ("structured" or "text") against the default budget."""
    over = [f"{size} `{qid}` {outputs['promlambda'][part]:,}"
            for size, qid, outputs in default_budget_outputs(report)
            if outputs["promlambda"][part] > DEFAULT_BUDGET_BYTES]
    oks = [outputs["promlambda"][part] <= DEFAULT_BUDGET_BYTES for _, _, outputs in default_budget_outputs(report)]
    largest = max((outputs["promlambda"][part] for _, _, outputs in default_budget_outputs(report)), default=0)
    summary = f"over the budget: {'; '.join(over)}" if over else f"largest {largest:,} bytes"
    form = "structuredContent (compact JSON)" if part == "structured" else "text content"
    return [f"the {form} that reaches the model stays within the budget ({DEFAULT_BUDGET_BYTES:,} bytes)",
            summary, verdict(oks)]


def target_smaller_than_peers(report):
    parts, oks = [], []
    for size, qid, outputs in default_budget_outputs(report):
        over = {name: outputs[name]["total"] for name in SYSTEMS[1:]
                if name in outputs and outputs[name]["total"] > DEFAULT_BUDGET_BYTES}
        if not over:
            continue
        own = outputs["promlambda"]["total"]
        oks.append(own < min(over.values()))
        peers = ", ".join(f"{SHORT_NAMES[name]} {total:,}" for name, total in over.items())
        parts.append(f"{size} `{qid}`: promlambda {own:,}; {peers}")
    return ["text + structuredContent smaller than the peers' where theirs is over the budget",
            "; ".join(parts) if parts else "no peer result is over the budget", verdict(oks)]


def targets_table(report):
    rows = [target_instant(report), target_range(report),
            target_start(report, "sdk_initialize",
                         "process start to the initialize result under 50 ms (median, SDK client)"),
            target_start(report, "raw_first_call",
                         "process start to the first tools/call result under 50 ms (median, raw client)",
                         reference_key="sdk_first_call"),
            target_small_memory(report), target_large_memory(report), target_budget(report, "structured"),
            target_budget(report, "text"), target_smaller_than_peers(report)]
    return table(["target", "measured (promlambda unless named)", "verdict"], rows)


def run_section(report):
    machine = report["machine"]
    settings = report["settings"]
    packages = ", ".join(f"{name} {version}" for name, version in machine["packages"].items())
    memory_total = next((line.split()[1] for line in machine["memory"].splitlines() if line.startswith("Mem:")), "?")
    errors = "; ".join(report.get("setup_errors", [])) or "none"
    return "\n".join([
        f"- Date: {machine['date_utc']}, mode: {report['mode']}, sizes: {', '.join(size for size, _ in ordered_sizes(report))}",
        f"- Machine: {machine['cpu_model']}, {machine['nproc']} cores (`nproc`), {memory_total} memory "
        f"(`free -h`), {machine['os']}, kernel {machine['kernel']}",
        f"- Toolchain: {machine['swift']}; Python {machine['python']}; {machine['promlambda']} (release build); "
        f"{machine['prometheus']}; {machine['curl'].split(' (')[0]}",
        f"- Python packages: {packages}",
        f"- Network: {'a network namespace of its own with only loopback' if machine['network_namespace'] else 'the host network, 127.0.0.1 only'}",
        f"- Iterations: {settings['iterations']} warm calls per system and query "
        f"(at most {settings['query_time_limit']} s each), {settings['start_runs']} fresh starts per server, "
        f"{settings['process_runs']} runs per one-shot process",
        f"- Setup errors: {errors}",
    ])


def render_report(report):
    parts = ["## Recorded run", run_section(report), "## Targets", targets_table(report)]
    for size, size_result in ordered_sizes(report):
        parts.append(size_section(size, size_result))
    return "\n\n".join(parts) + "\n"


def update_document(path, markdown):
    """Replace the text between the bench markers of a Markdown file with the report."""
    with open(path) as source:
        document = source.read()
    pattern = re.compile(re.escape(BEGIN_MARKER) + ".*?" + re.escape(END_MARKER), re.DOTALL)
    if not pattern.search(document):
        raise SystemExit(f"bench: {path} has no {BEGIN_MARKER!r} ... {END_MARKER!r} section to replace")
    replacement = f"{BEGIN_MARKER}\n\n{markdown}\n{END_MARKER}"
    with open(path, "w") as target:
        target.write(pattern.sub(lambda _: replacement, document))
