# syntax=docker/dockerfile:1
# The whole system, or one service of it (SERVICES), as a container. See docker-compose.yml.

# Production dependencies only, exactly as locked. No install scripts: esbuild and tsx find
# their platform binaries without them.
FROM node:24-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-slim
# tini is PID 1: it forwards SIGTERM to node (whose handler stops consumers, lets in-flight
# messages finish and be acked) and reaps what node's children leave behind.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json main.ts migrate.ts tsconfig.json ./
COPY actors ./actors
COPY gateway ./gateway
COPY services ./services
COPY web-components ./web-components
COPY sql ./sql
# The image's files stay root's; the app runs as the unprivileged user and only reads them.
USER node
EXPOSE 3000
# 200 once the actor system is stable; 503 while it waits (the body's waitingFor says for what).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# node itself, no npx or npm in between: the signal reaches the process that handles it.
CMD ["node", "--import", "tsx", "main.ts"]
