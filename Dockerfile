# Gazette container image. Kept in step with tests/ops/dockerfile.test.ts, which
# parses this file and performs its build and run steps in temp directories
# (no Docker engine needed): change one instruction and the test follows.
#
#   docker build -t gazette .
#   docker run -d -p 8080:8080 -v gazette-data:/data -v gazette-feeds:/feeds \
#     -v "$PWD/gazette.yaml:/config/gazette.yaml:ro" gazette            # long-lived
#   docker run --rm -v gazette-data:/data -v gazette-feeds:/feeds \
#     -v "$PWD/gazette.yaml:/config/gazette.yaml:ro" gazette gazette run --once   # cron mode
# See docs/deploy.md.

# Build: all dependencies (npm ci also compiles TypeScript through `prepare`),
# then the dev dependencies are dropped so node_modules can be shipped as is.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
RUN npm ci && npm prune --omit=dev

# Runtime: Node, production dependencies, compiled code and bundled data only.
FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production \
    GAZETTE_CONFIG=/config/gazette.yaml \
    GAZETTE_DB=/data/gazette.db \
    GAZETTE_OUTPUT=/feeds
WORKDIR /app
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config/cues.yaml ./config/cues.yaml
COPY config/demo ./config/demo
# A working default; mount your own over it, read-only.
COPY config/gazette.yaml /config/gazette.yaml
# The volumes belong to the unprivileged user (uid 1000, "node" in the base image);
# numeric so Kubernetes runAsNonRoot can verify it.
RUN mkdir -p /data /feeds \
 && chown 1000:1000 /data /feeds \
 && chmod 755 dist/cli/main.js \
 && ln -s /app/dist/cli/main.js /usr/local/bin/gazette
USER 1000:1000
VOLUME ["/data", "/feeds"]
EXPOSE 8080
HEALTHCHECK --interval=60s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["gazette", "start"]
