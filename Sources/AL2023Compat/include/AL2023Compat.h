// AL2023Compat exports no API: linking it into an executable is what binds hypot, hypotf and
// std::condition_variable::wait to the symbol versions that Amazon Linux 2023 ships (see SymbolVersions.c).
