"""Drive an MCP stdio server with the official MCP Python SDK client and print a JSON report.

Usage: python mcp_client_check.py PLAN_FILE

PLAN_FILE is a JSON object:
    command    the server executable, launched through mcp.client.stdio
    args       its arguments (optional)
    env        extra environment variables for it (optional)
    stderr     a file that receives the server's standard error
    url        in place of the three above: the URL of a streamable HTTP server
    calls      a list of {"name": ..., "arguments": {...}} tool calls, made in order

The client connects with its default negotiation, pings, lists the tools and makes each call.
In SDK 2.3 that negotiation sends a `server/discover` probe first and falls back to `initialize`
when the server rejects the probe, as a server of the 2025 revisions does. The report on standard output contains what the server returned, with each result
dumped as the SDK parsed it, so the caller asserts on the SDK's reading of the wire. A call the
server rejects with a JSON-RPC error is reported with its code. Any other exception, such as the
SDK rejecting a result against the tool's output schema, is reported as text.

Exit status: 0 with a report, 1 when the check fails with an uncaught exception (such as the
60-second time limit), 2 for a bad plan, 3 when the SDK cannot be imported.
"""

import json
import sys
from importlib import metadata

try:
    import anyio
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters, stdio_client
    from mcp.shared.exceptions import MCPError
except ImportError as error:
    print(
        f"Error: the MCP Python SDK cannot be imported ({error}). "
        "Run scripts/setup, or set PROMLAMBDA_TEST_PYTHON to a Python that has the mcp package.",
        file=sys.stderr,
    )
    sys.exit(3)

# A hung server must fail the check, not stall the test run.
TIMEOUT_SECONDS = 60


def dump(model):
    return model.model_dump(by_alias=True, mode="json", exclude_none=True)


async def call_tool(client, call):
    entry = {"name": call["name"]}
    try:
        entry["result"] = dump(await client.call_tool(call["name"], call.get("arguments")))
    except MCPError as error:
        entry["error"] = {"code": error.code, "message": error.message, "data": error.data}
    except Exception as error:  # noqa: BLE001 - reported, and the Swift test fails on it
        entry["exception"] = f"{type(error).__name__}: {error}"
    return entry


async def inspect(client, plan):
    return {
        "protocolVersion": client.protocol_version,
        "serverInfo": dump(client.server_info),
        "capabilities": dump(client.server_capabilities),
        "instructions": client.instructions,
        "ping": dump(await client.send_ping()),
        "tools": [dump(tool) for tool in (await client.list_tools()).tools],
        "calls": [await call_tool(client, call) for call in plan["calls"]],
    }


async def run(plan):
    report = {"sdkVersion": metadata.version("mcp")}
    with anyio.fail_after(TIMEOUT_SECONDS):
        if "url" in plan:
            async with Client(plan["url"]) as client:
                report.update(await inspect(client, plan))
        else:
            server = StdioServerParameters(command=plan["command"], args=plan.get("args", []), env=plan.get("env"))
            with open(plan["stderr"], "w") as server_stderr:
                async with Client(stdio_client(server, errlog=server_stderr)) as client:
                    report.update(await inspect(client, plan))
    return report


def main():
    if len(sys.argv) != 2:
        print("Error: expected one argument, the plan file. Usage: mcp_client_check.py PLAN_FILE", file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1]) as plan_file:
        plan = json.load(plan_file)
    report = anyio.run(run, plan)
    json.dump(report, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
