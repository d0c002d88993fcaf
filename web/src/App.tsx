import { lazy, Suspense, type ComponentType } from 'react';
import { FormattedMessage } from 'react-intl';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { SessionGate } from './session';

// Each page is its own chunk, fetched on first visit: the first page loads only what it shows.
function page<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const Dashboard = page(() => import('./pages/Dashboard'), 'Dashboard');
const MyWork = page(() => import('./pages/MyWork'), 'MyWork');
const DisbursementList = page(() => import('./pages/DisbursementList'), 'DisbursementList');
const CreateRequest = page(() => import('./pages/CreateRequest'), 'CreateRequest');
const DisbursementDetail = page(() => import('./pages/DisbursementDetail'), 'DisbursementDetail');
const MoneyIn = page(() => import('./pages/MoneyIn'), 'MoneyIn');
const Audit = page(() => import('./pages/Audit'), 'Audit');
const ScreeningReview = page(() => import('./pages/ScreeningReview'), 'ScreeningReview');
const ProgrammeVersions = page(
  () => import('./pages/configuration/ProgrammeVersions'),
  'ProgrammeVersions',
);
const ProgrammeVersionView = page(
  () => import('./pages/configuration/ProgrammeVersions'),
  'ProgrammeVersionView',
);
const ProposeVersion = page(() => import('./pages/configuration/ProposeVersion'), 'ProposeVersion');
const Waivers = page(() => import('./pages/configuration/Waivers'), 'Waivers');
const ListSnapshots = page(() => import('./pages/configuration/ListSnapshots'), 'ListSnapshots');
const Parties = page(() => import('./pages/Parties'), 'Parties');
const PartyDetail = page(() => import('./pages/PartyDetail'), 'PartyDetail');
const Tokens = page(() => import('./pages/Tokens'), 'Tokens');
const Users = page(() => import('./pages/Users'), 'Users');
const Notifications = page(() => import('./pages/Notifications'), 'Notifications');

export function App() {
  return (
    <SessionGate>
      <Layout>
        <Suspense
          fallback={
            <p className="loading" role="status">
              <FormattedMessage id="common.loading" />
            </p>
          }
        >
          <Routes>
            <Route path="/" element={<Dashboard />} />
            <Route path="/work" element={<MyWork />} />
            <Route path="/disbursements" element={<DisbursementList />} />
            <Route path="/disbursements/new" element={<CreateRequest />} />
            <Route path="/disbursements/:disbursementId" element={<DisbursementDetail />} />
            <Route path="/money-in" element={<MoneyIn />} />
            <Route path="/audit" element={<Audit />} />
            <Route path="/screening" element={<ScreeningReview />} />
            <Route path="/screening/:hitId" element={<ScreeningReview />} />
            <Route path="/versions" element={<ProgrammeVersions />} />
            <Route path="/versions/new" element={<ProposeVersion />} />
            <Route path="/versions/:versionNo" element={<ProgrammeVersionView />} />
            <Route path="/waivers" element={<Waivers />} />
            <Route path="/lists" element={<ListSnapshots />} />
            <Route path="/lists/:source/:version" element={<ListSnapshots />} />
            <Route path="/parties" element={<Parties />} />
            <Route path="/parties/:partyId" element={<PartyDetail />} />
            <Route path="/users" element={<Users />} />
            <Route path="/tokens" element={<Tokens />} />
            <Route path="/notifications" element={<Notifications />} />
          </Routes>
        </Suspense>
      </Layout>
    </SessionGate>
  );
}
