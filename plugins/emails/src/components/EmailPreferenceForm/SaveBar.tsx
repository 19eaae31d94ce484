import { Box, Button, makeStyles, Typography } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 3),
    borderTop: `1px solid ${theme.palette.divider}`,
    backgroundColor: theme.palette.background.paper,
  },
  // The form is some 3,000 px tall: with edits, Save stays in view at the
  // bottom of the screen instead of waiting at the end of the page.
  sticky: {
    position: 'sticky',
    bottom: 0,
    zIndex: theme.zIndex.appBar - 1,
    boxShadow: theme.shadows[4],
  },
}));

/** The Email Preference's Save, kept in view while there are unsaved edits. */
export function SaveBar(props: { dirty: boolean; saving: boolean }) {
  const classes = useStyles();
  const { dirty, saving } = props;
  return (
    <Box
      role="region"
      aria-label="Save Email Preference"
      className={dirty ? `${classes.bar} ${classes.sticky}` : classes.bar}
    >
      <Button
        type="submit"
        color="primary"
        variant="contained"
        disabled={saving}
      >
        Save
      </Button>
      {dirty && (
        <Typography variant="body2" color="textSecondary">
          Unsaved changes
        </Typography>
      )}
    </Box>
  );
}
