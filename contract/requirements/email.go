package requirements

func init() {
	const s = "Email namespace > create"
	Register(
		inReference("email.create.1", s,
			"create(destination, userData, succeeded, failed) — Creates a new empty email.", "INT-EVENT-2"),
		inReference("email.create.2", s,
			"userData — The attached user data key/value object that is updated with each interaction event."),
	)
}
