FROM debian:12-slim
USER app
USER "root"
