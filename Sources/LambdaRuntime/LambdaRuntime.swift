// The LambdaRuntime layer; see docs/architecture.md.
