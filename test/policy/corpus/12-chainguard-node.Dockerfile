# expect: pass CDL101 CDL102 CDL103 CDL105
# pattern: Chainguard node: latest-dev to build, latest to run, relying on the node user
FROM cgr.dev/chainguard/node:latest-dev AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .

FROM cgr.dev/chainguard/node:latest
WORKDIR /app
COPY --from=build --chown=node:node /app /app
ENV NODE_ENV=production
EXPOSE 3000
CMD ["server.js"]
