print("promlambda")
