// The PrometheusAPI layer; see docs/architecture.md.
