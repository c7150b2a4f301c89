# syntax=docker/dockerfile:1
# Multi-stage build of the order hub's production jar (no simulators, no embedded Kafka or SFTP server: those are
# test code). The jar is unpacked into Spring Boot's layers, dependencies first, so a new release changes only the
# small application layer. routes/, connectors/ and mappings/ sit next to it (hub.home=/app); the hub runs as a
# non-root user and takes every endpoint and secret from the environment (README, "Production"):
#   docker run -e HUB_DB_URL=... -e HUB_ARTEMIS_URL=... order-hub

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src/main src/main
RUN mvn -B -q package -Dmaven.test.skip=true && cp target/order-hub-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system hub && useradd --system --gid hub --home-dir /app --shell /usr/sbin/nologin hub
WORKDIR /app
# least to most often changed: third-party libraries, Spring Boot's loader, snapshots, the hub itself
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
COPY routes /app/routes
COPY connectors /app/connectors
COPY mappings /app/mappings
RUN mkdir -p /app/data && chown hub:hub /app/data
USER hub
# the heap at 60% of the container's memory: the hub needs about 550 MiB besides it (README, "Docker")
ENV HUB_HOME=/app \
    HUB_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
EXPOSE 8080
# No curl in the JRE image: bash speaks enough HTTP for a liveness probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
