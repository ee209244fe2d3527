FROM debian:12-slim
RUN curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
 && echo "0d1a2c0f8f3b4e3c2e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
USER 1000
