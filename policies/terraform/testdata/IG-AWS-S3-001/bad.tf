resource "aws_s3_bucket" "website" {
  bucket = "example-website"
  acl    = "public-read" # expect: IG-AWS-S3-001
}

resource "aws_s3_bucket" "uploads" {
  bucket = "example-uploads"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  acl    = "public-read-write" # expect: IG-AWS-S3-001
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.uploads.id

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers" # expect: IG-AWS-S3-001
      }
      permission = "READ"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}
