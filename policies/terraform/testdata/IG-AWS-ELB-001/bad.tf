resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP" # expect: IG-AWS-ELB-001

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
