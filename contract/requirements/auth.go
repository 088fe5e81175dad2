package requirements

func init() {
	const s = "Auth Namespace > getJwtToken"
	Register(
		inReference("auth.getJwtToken.1", s,
			"Get the JWT access token for the current session. Returns JSON data object with the token and its expiration date in ISO 8601 date format. \"data\": { \"expiration\": \"2020-04-14T13:26:51.846Z\", \"jwtToken\": \"\" }"),
		inReference("auth.getJwtToken.2", s,
			"If the token is already generated and still valid, it is returned; otherwise a new token is returned."),
	)
}
