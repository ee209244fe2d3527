package policies

// PodRules is the number of packages listed as pod rules (tests).
func PodRules() int { return len(podRules) }
