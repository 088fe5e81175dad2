package requirements

func init() {
	const s = "Configuration namespace > "
	Register(
		inReference("configuration.getOption.1", s+"getOption",
			"Get configuration options and values for a specific option name or a subset of options from the [interaction-workspace] section or a custom section."),
		inReference("configuration.getOption.2", s+"getOption",
			"Unless otherwise specified, the API returns options from the [interaction-workspace] section by default.", "INT-NS-2"),
		inReference("configuration.getOption.3", s+"getOption",
			"A single option in a specific section: genesys.wwe.service.configuration.getOption('CustomSection/option.custom.customer.code', succeeded, failed)"),
		inReference("configuration.getOption.4", s+"getOption",
			"Multiple options: genesys.wwe.service.configuration.getOption(['voice.auto-answer', 'privilege.email.can-mark-done'], succeeded, failed)"),
		inReference("configuration.getOption.5", s+"getOption",
			"You can use an asterisk '*' as a wildcard, but only at the end of each word. For example: voice.*, voice.auto*, sipendpoint.*, CustomAPI/test.*"),
		inReference("configuration.getOption.6", s+"getOption",
			"You cannot use an asterisk at the start of an option or section. For example, the following values are not allowed: *.mark-done, *.auto", "INT-NS-3"),
		inReference("configuration.getOption.7", s+"Examples > getOption()",
			"The response includes the original default value of the option instead of the overridden value"),
		inReference("configuration.getContextualOption.1", s+"getContextualOption",
			"Get configuration options and values in the context of this interaction when they are overridden by a routing strategy.", "INT-NS-4"),
		inReference("configuration.getContextualOption.2", s+"getContextualOption",
			"If the interaction is not found or this parameter is missing, the API throws an exception."),
		inReference("configuration.getContextualOption.3", s+"Examples > getContextualOption()",
			"If the interaction isn't found, the failed callback receives this response: { \"request\": \"configuration.getContextualOption\", \"errorMessage\": \"Error: Interaction not found.\", ... }", "INT-NS-5"),
		inReference("configuration.type.Section.1", s+"Type definitions > Section",
			"Section — Represents the JSON structure of a configuration section. Each section includes a list of key/value pairs for the matching option(s)."),
	)
}
