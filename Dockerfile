# Build stage: dev dependencies and the TypeScript compiler.
FROM node:22.22.0-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
RUN npm ci && npm prune --omit=dev

# Runtime stage: production dependencies and the compiled code only.
FROM node:22.22.0-bookworm-slim
ENV NODE_ENV=production GAZETTE_CONFIG=/app/config/gazette.yaml GAZETTE_DB=/data/gazette.db GAZETTE_OUTPUT=/feeds
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
RUN mkdir -p /data /feeds && chown node:node /data /feeds && ln -s /app/dist/cli/main.js /usr/local/bin/gazette
USER node
VOLUME ["/data", "/feeds"]
EXPOSE 8080
HEALTHCHECK --interval=1m --timeout=5s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["gazette"]
CMD ["start"]
