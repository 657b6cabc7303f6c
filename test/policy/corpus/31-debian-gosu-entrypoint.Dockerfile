# expect: fail CDL003 CDL005 CDL009 CDL101
# pattern: official-image style: Debian slim, gosu, docker-entrypoint.sh drops privileges at run time
FROM debian:bookworm-slim
RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis
RUN set -eux; apt-get update; apt-get install -y --no-install-recommends gosu; rm -rf /var/lib/apt/lists/*; gosu nobody true
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 6379
CMD ["redis-server"]
