FROM ubuntu:24.04
RUN useradd -m dev && mkdir -p /opt/app && chown dev /opt/app
USER dev
