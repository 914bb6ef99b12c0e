-- The search log: what people searched for and how many hits they got, for the community managers' "top queries"
-- and "searches that found nothing". No member id and no address: the log answers what is looked for, not who looks.
CREATE TABLE search_lucene_queries (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  searched_at  DATETIME(6)   NOT NULL,
  query        VARCHAR(200)  NOT NULL,
  signed_in    BOOLEAN       NOT NULL,
  results      INT           NOT NULL
);
CREATE INDEX search_lucene_queries_at ON search_lucene_queries (searched_at);
