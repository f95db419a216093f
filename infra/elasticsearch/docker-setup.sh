#!/bin/bash
# Runs once before Elasticsearch in docker-compose (as Elastic's own compose example does): a CA and a node certificate
# in the shared volume, then, once the node answers over HTTPS, the query service's role of least privilege and its
# user. Idempotent.
set -euo pipefail
cd /usr/share/elasticsearch
certs=config/certs
if [[ ! -f $certs/ca/ca.crt ]]; then
  bin/elasticsearch-certutil ca --silent --pem -out $certs/ca.zip && unzip -q $certs/ca.zip -d $certs
  bin/elasticsearch-certutil cert --silent --pem --ca-cert $certs/ca/ca.crt --ca-key $certs/ca/ca.key \
    --dns elasticsearch --dns localhost --ip 127.0.0.1 -out $certs/node.zip && unzip -q $certs/node.zip -d $certs
  rm -f $certs/*.zip
fi
chown -R 1000:0 $certs && chmod 640 $certs/instance/instance.key $certs/ca/ca.key && chmod 644 $certs/ca/ca.crt
es() { curl -fsS --cacert $certs/ca/ca.crt -u "elastic:$ELASTIC_PASSWORD" -H 'Content-Type: application/json' "$@"; }
until es https://elasticsearch:9200/_cluster/health >/dev/null 2>&1; do sleep 2; done
es -X PUT https://elasticsearch:9200/_security/role/emporium_query -d '{"cluster":["monitor"],
  "indices":[{"names":["products*","orders*"],"privileges":["create_index","delete_index","manage","read","write"]}]}' >/dev/null
es -X PUT https://elasticsearch:9200/_security/user/emporium_query \
  -d "{\"password\":\"$EMPORIUM_ES_PASSWORD\",\"roles\":[\"emporium_query\"]}" >/dev/null
echo "Elasticsearch: TLS certificates in place, user emporium_query ready"
