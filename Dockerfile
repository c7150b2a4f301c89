# syntax=docker/dockerfile:1
# Multi-stage build of the order hub. The image runs the jar with routes/, connectors/ and mappings/ next to it
# (hub.home=/app), as a non-root user. The default profile is the embedded sandbox; production:
#   docker run -e SPRING_PROFILES_ACTIVE=prod -e HUB_DB_URL=... (see README, "Production") order-hub

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY connectors connectors
COPY mappings mappings
RUN mvn -B -q package -DskipTests && cp target/order-hub-*.jar /build/app.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system hub && useradd --system --gid hub --home-dir /app --shell /usr/sbin/nologin hub
WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
COPY routes /app/routes
COPY connectors /app/connectors
COPY mappings /app/mappings
RUN mkdir -p /app/data && chown hub:hub /app/data
USER hub
ENV HUB_HOME=/app \
    HUB_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
EXPOSE 8080
# No curl in the JRE image: bash speaks enough HTTP for a liveness probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
