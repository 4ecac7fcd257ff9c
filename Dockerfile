# syntax=docker/dockerfile:1
# Trag in a container (docs/deploy.md): a build stage with the devDependencies and the tools to
# compile native modules, and a runtime stage with the built app and production dependencies only,
# run as the unprivileged user `node`, its data in the volume /data.
#
#   docker build -t trag .
#   docker run -d --name trag -p 3000:3000 -v trag-data:/data --stop-timeout 30 \
#     -e PUBLIC_URL=https://trag.example.rs -e TRUST_PROXY=1 trag

ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
# better-sqlite3 compiles from source where no prebuilt binary can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The dependencies first, so that a change to the sources alone reuses this layer.
# patches/ is applied by the postinstall script (patch-package).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
# Build, then drop the devDependencies: the native modules stay as compiled for this image.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    COURSES_DIR=/app/courses \
    TRAG_DEMO=0
WORKDIR /app
# What `npm start` reads: the build, production node_modules, and the sources scripts/prepare.ts
# runs through tsx (configuration, migrations in db/migrations, courses). Owned by root: the app
# cannot change its own code.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/app ./app
COPY --from=build /app/db ./db
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/courses ./courses
RUN mkdir -m 0700 /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# scripts/serve.js lets requests in flight finish for up to 25 s after SIGTERM: give `docker stop`
# more than that (--stop-timeout 30, or stop_grace_period: 30s in Compose).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/start.js"]
