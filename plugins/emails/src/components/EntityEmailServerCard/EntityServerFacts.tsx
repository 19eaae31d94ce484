import { Entity } from '@backstage/catalog-model';
import { Box, Typography } from '@material-ui/core';

const PROTOCOL_ANNOTATION = 'emails.backstage.io/protocol';

/**
 * What the catalog entity itself says about a mail server, for users who may
 * not read the server's settings and health (they are the administrators').
 */
export function EntityServerFacts(props: { entity: Entity }) {
  const { entity } = props;
  const protocol = entity.metadata.annotations?.[PROTOCOL_ANNOTATION];
  return (
    <Box>
      <Typography variant="body1">
        {entity.metadata.title ?? entity.metadata.name}
      </Typography>
      {protocol && (
        <Typography variant="body2">{protocol.toUpperCase()}</Typography>
      )}
      <Box mt={1}>
        <Typography variant="caption" color="textSecondary">
          Its settings and health are shown to the emails administrators.
        </Typography>
      </Box>
    </Box>
  );
}
