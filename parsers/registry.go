package parsers

// New returns the parsers of every format with the given limits.
func New(l Limits) Registry {
	return Registry{
		HCL:            &HCLParser{Limits: l},
		YAML:           &YAMLParser{Limits: l},
		JSON:           &JSONParser{Limits: l},
		TFPlan:         &PlanParser{Limits: l},
		CloudFormation: &CloudFormationParser{Limits: l},
		Dockerfile:     &DockerfileParser{Limits: l},
		Workflow:       &WorkflowParser{Limits: l},
		TOML:           &TOMLParser{Limits: l},
		INI:            &INIParser{Limits: l},
		Dotenv:         &DotenvParser{Limits: l},
		Properties:     &PropertiesParser{Limits: l},
	}
}

// Default returns the parsers of every format with default limits.
func Default() Registry { return New(Limits{}) }
