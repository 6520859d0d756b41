# PathUptime: multi-stage image on Node 20 slim; runs as a non-root user, data in a volume.

FROM node:20-slim AS deps
WORKDIR /app
# better-sqlite3 and @node-rs/argon2 are native: build tools for the case without a prebuilt binary
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=sqlite:/app/data/pathuptime.sqlite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY librenms-transport ./librenms-transport
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly (not npm) so that SIGTERM reaches the server and it shuts down cleanly
# the same node flags as `npm start` (a larger young generation: see README, "Running it")
CMD ["node", "--max-semi-space-size=64", "--import", "tsx", "src/main.ts"]
