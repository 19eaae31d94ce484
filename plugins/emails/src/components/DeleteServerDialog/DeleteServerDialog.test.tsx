import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { responseError } from '../__testUtils__';
import { DeleteServerDialog } from './DeleteServerDialog';

describe('DeleteServerDialog', () => {
  it('asks before deleting and shows why a delete failed', async () => {
    const onConfirm = jest.fn(async () => {
      throw responseError(404, 'No incoming server with id in-1');
    });
    const onClose = jest.fn();
    await renderInTestApp(
      <DeleteServerDialog
        server={{ name: 'IT Support' }}
        onConfirm={onConfirm}
        onClose={onClose}
      />,
    );
    expect(
      screen.getByRole('dialog', { name: 'Delete IT Support?' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText('No incoming server with id in-1'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });
});
