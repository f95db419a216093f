# syntax=docker/dockerfile:1
# Builds one service (MODULE=command-side, query-side, identity or infra/payment-simulator, PORT its port) for docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
# the local Maven repository outlives the build: dependencies are downloaded once, not on every change of a source
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl ${MODULE} -am package \
    && cp ${MODULE}/target/$(basename ${MODULE})-*.jar /src/service.jar \
    && java -Djarmode=tools -jar /src/service.jar extract --layers --destination /src/extracted

# Spring Boot's layers, least changing first: a new build of the code replaces the last layer only
FROM eclipse-temurin:17-jre
ARG PORT
WORKDIR /app
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
USER 65534
ENV SERVICE_PORT=${PORT}
EXPOSE ${PORT}
# ready = the service's readiness group is UP (database reachable, handlers subscribed); bash's /dev/tcp needs no curl
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=5 CMD ["bash", "-c", \
    "exec 3<>/dev/tcp/127.0.0.1/${SERVICE_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
# the heap follows the container's memory limit (docker-compose.yml sets one per service)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/service.jar"]
