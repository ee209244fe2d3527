ARG BASE=debian:12-slim
FROM golang:1.22.5 AS build
RUN go build -o /app .

FROM ${BASE} AS runtime
FROM build AS test
RUN go test ./...

FROM alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d
COPY --from=build /app /app
USER 1000
