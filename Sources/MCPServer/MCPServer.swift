// The MCPServer layer; see docs/architecture.md.
