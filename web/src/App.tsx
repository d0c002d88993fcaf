import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { SessionGate } from './session';
import { CreateRequest } from './pages/CreateRequest';
import { Dashboard } from './pages/Dashboard';
import { DisbursementDetail } from './pages/DisbursementDetail';
import { DisbursementList } from './pages/DisbursementList';
import { Audit } from './pages/Audit';
import { MoneyIn } from './pages/MoneyIn';
import { MyWork } from './pages/MyWork';
import { Notifications } from './pages/Notifications';
import { ScreeningReview } from './pages/ScreeningReview';

export function App() {
  return (
    <SessionGate>
      <Layout>
        <Routes>
          <Route path="/" element={<Dashboard />} />
          <Route path="/work" element={<MyWork />} />
          <Route path="/notifications" element={<Notifications />} />
          <Route path="/disbursements" element={<DisbursementList />} />
          <Route path="/disbursements/new" element={<CreateRequest />} />
          <Route path="/disbursements/:disbursementId" element={<DisbursementDetail />} />
          <Route path="/money-in" element={<MoneyIn />} />
          <Route path="/audit" element={<Audit />} />
          <Route path="/screening" element={<ScreeningReview />} />
          <Route path="/screening/:hitId" element={<ScreeningReview />} />
        </Routes>
      </Layout>
    </SessionGate>
  );
}
