FROM node:20.15-alpine
RUN addgroup -S app && adduser -S app -G app
USER app
COPY . /srv
USER root
CMD ["node", "/srv/index.js"]
