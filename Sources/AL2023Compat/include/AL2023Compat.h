// AL2023Compat exports no API. Built with PROMLAMBDA_AL2023_COMPAT defined (scripts/package), it binds
// hypot, hypotf and std::condition_variable::wait to the symbol versions that Amazon Linux 2023 ships
// (see SymbolVersions.c).
