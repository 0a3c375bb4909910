# syntax=docker/dockerfile:1
# news-digest: multi-stage build on Node.js 24 LTS (slim Debian). Kept in step with .ci/run, which
# performs the same production install (npm ci --omit=dev, native rebuild) and health check.

ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# --- build: compile TypeScript --------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY config ./config
RUN npm run build

# --- runtime: production dependencies and build output only ---------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force \
 && apt-get purge -y python3 make g++ && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
COPY adapters/slack/manifest.yaml ./adapters/slack/manifest.yaml
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The SQLite database (and the health heartbeat) live here; mount a volume to keep them.
VOLUME ["/app/data"]
ENV NEWS_DIGEST_STORE_PATH=/app/data/news-digest.db
# Slack HTTP mode listens here (slack.port); Discord and Socket Mode need no inbound port.
EXPOSE 3000
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "bin/news-digest.js", "health"]
ENTRYPOINT ["node", "bin/news-digest.js"]
CMD ["serve"]
