FROM debian:12-slim AS base
RUN useradd --system --uid 10001 app
USER 10001

FROM base
COPY app /app
ENTRYPOINT ["/app"]
