import { Link } from 'react-router';
import { Page } from '../components/ui';

export function NotFoundPage() {
  return (
    <Page title="Not found">
      <p>There is nothing here for you. </p>
      <p>
        <Link to="/">Back to the start</Link>
      </p>
    </Page>
  );
}
