// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first. Each target imports only the ones below it; docs/architecture.md
// draws the graph and the path of one request through it.
let package = Package(
    name: "promlambda",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "promlambda", targets: ["promlambda"]),
        .executable(name: "bootstrap", targets: ["bootstrap"]),
    ],
    targets: [
        // JSON values, logging, time and environment seams shared by every layer.
        .target(name: "PromLambdaCore"),
        // The HTTPClient seam, its URLSession implementation, the RFC 3986 encoder and retries.
        .target(name: "HTTPTransport", dependencies: ["PromLambdaCore"]),
        // The Prometheus /api/v1 client, its result model and time parsing.
        .target(name: "PrometheusAPI", dependencies: ["HTTPTransport"]),
        // SHA-256, HMAC, the SigV4 signer and the AWS credential chain.
        .target(name: "AWSSigV4", dependencies: ["HTTPTransport", "PromLambdaCore"]),
        // AMP's control plane, workspace lookup and the signing HTTP client.
        .target(name: "AmazonPrometheus", dependencies: ["AWSSigV4", "PrometheusAPI"]),
        // The tool catalog, argument validation, operations and result budgets.
        .target(name: "PromTools", dependencies: ["PrometheusAPI", "AmazonPrometheus", "AWSSigV4"]),
        // Binds the few glibc and libstdc++ symbols whose Debian 12 versions are newer than the Lambda
        // runtime provided.al2023 ships to older versions, when scripts/package defines its macro.
        .target(name: "AL2023Compat"),
        // The Lambda Runtime API loop, context, event shapes and the Invoke client.
        .target(name: "LambdaRuntime", dependencies: ["HTTPTransport", "AWSSigV4"]),
        // JSON-RPC 2.0 and the MCP methods over stdio and a Function URL.
        .target(name: "MCPServer", dependencies: ["PromTools"]),
        // The six Lambda functions and the MCP function: configuration, handlers, routing and metrics.
        .target(name: "PromLambdaFunctions", dependencies: ["PromTools", "MCPServer", "LambdaRuntime", "AWSSigV4"]),
        .executableTarget(
            name: "promlambda",
            dependencies: ["PromTools", "MCPServer", "LambdaRuntime", "PromLambdaFunctions"]
        ),
        .executableTarget(
            name: "bootstrap",
            dependencies: ["PromTools", "MCPServer", "LambdaRuntime", "PromLambdaFunctions", "AL2023Compat"]
        ),

        // Test support: a real Prometheus with generated data, started on 127.0.0.1, and the Lambda
        // Runtime API double.
        .target(name: "TestSupport", dependencies: ["PromLambdaCore", "HTTPTransport"], path: "Tests/TestSupport",
                exclude: ["Resources"]),
        // Recording fakes of the project's seams, for unit tests.
        .target(name: "TestDoubles", dependencies: ["HTTPTransport"], path: "Tests/TestDoubles"),
        // Starts the test Prometheus for scripts/demo and prints its URL.
        .executableTarget(name: "demo-prometheus", dependencies: ["TestSupport"], path: "Tests/DemoPrometheus"),
        // Serves fake tools over stdio so the MCP Python SDK can drive the stdio transport.
        .executableTarget(name: "mcp-test-server", dependencies: ["MCPServer", "PromTools"], path: "Tests/MCPTestServer"),
        // Measures the peak memory of shaping one large query response; see docs/result-shaping.md.
        .executableTarget(name: "shaping-memory", dependencies: ["PromTools", "TestSupport"], path: "Tests/ShapingMemory"),

        .testTarget(name: "PromLambdaCoreTests", dependencies: ["PromLambdaCore", "TestSupport"]),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "TestSupport"]),
        .testTarget(name: "PrometheusAPITests", dependencies: ["PrometheusAPI", "TestSupport", "TestDoubles"]),
        .testTarget(name: "PromToolsTests", dependencies: ["PromTools", "TestSupport", "TestDoubles"]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "PromLambdaCore"]),
        .testTarget(name: "MCPServerTests", dependencies: ["MCPServer"], exclude: ["Resources"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4", "TestSupport"]),
        .testTarget(name: "AmazonPrometheusTests", dependencies: ["AmazonPrometheus", "TestDoubles", "TestSupport"]),
        // Runs the built bootstrap and promlambda executables against the Runtime API double, the Lambda
        // Invoke API double, the AMP emulator and the real Prometheus.
        .testTarget(name: "LambdaFunctionsTests",
                    dependencies: ["PromLambdaFunctions", "LambdaRuntime", "PromTools", "TestSupport"]),
        // The Lambda package, its binary check and the CloudFormation template.
        .testTarget(name: "DeploymentTests", dependencies: ["PromLambdaCore"],
                    exclude: ["Resources"]),
    ]
)
