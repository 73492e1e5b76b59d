// The AWSSigV4 layer; see docs/architecture.md.
