"""The HTTP layer: the app factory, routers, auth, problem details, request and response bodies."""
