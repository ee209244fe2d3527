FROM node:20.15-alpine
ARG NPM_TOKEN
ENV DB_PASSWORD_FILE=/run/secrets/db_password
ENV GITHUB_TOKEN=${GITHUB_TOKEN} AWS_ACCESS_KEY_ID=AKIAEXAMPLE
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
USER node
