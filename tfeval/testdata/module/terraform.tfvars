acl = "public-read"
env = "stage"
