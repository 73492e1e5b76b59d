// The AmazonPrometheus layer; see docs/architecture.md.
